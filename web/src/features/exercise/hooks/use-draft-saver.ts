import { useEffect, useRef, useState } from 'react';
import { deleteDraft } from '../api/delete-draft.ts';
import { saveDraft } from '../api/save-draft.ts';
import { DraftSaver, type SaveStatus } from '../draft-saver.ts';

/**
 * The saver of one exercise's code, with what its status line says. Pending code is sent when
 * the page is hidden (a phone's app switcher, a closed tab) or the panel goes.
 */
export function useDraftSaver(exercise: string, initial: SaveStatus) {
  const [status, setStatus] = useState(initial);
  const saver = useRef<DraftSaver>(undefined);

  useEffect(() => {
    const current = new DraftSaver(
      {
        save: (source, options) => saveDraft(exercise, source, options),
        forget: (options) => deleteDraft(exercise, options),
      },
      setStatus,
    );
    saver.current = current;
    const onPageHide = () => current.flush();
    const onVisibilityChange = () => {
      if (document.visibilityState === 'hidden') current.flush();
    };
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibilityChange);
      current.close();
    };
  }, [exercise]);

  return {
    status,
    change: (source: string) => saver.current?.change(source),
    reset: () => saver.current?.reset(),
  };
}
