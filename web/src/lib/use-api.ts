import { useEffect, useRef, useState } from 'react';

export type Loadable<T> =
  | { state: 'loading' }
  | { state: 'ready'; data: T }
  | { state: 'failed'; error: Error };

/**
 * Loads once per change of `key`; a response for an older key is dropped. A change of `refresh`
 * loads again without showing "loading": what is shown stays until the new answer replaces it,
 * and stays if that fails (the failure is someone else's to show, such as the live preview's).
 */
export function useLoad<T>(key: string, load: () => Promise<T>, refresh = 0): Loadable<T> {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  const shownKey = useRef<string | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `refresh` name what `load` fetches.
  useEffect(() => {
    let current = true;
    const fresh = shownKey.current !== key;
    shownKey.current = key;
    if (fresh) setResult({ state: 'loading' });
    load().then(
      (data) => current && setResult({ state: 'ready', data }),
      (error: Error) =>
        current &&
        setResult((shown) =>
          !fresh && shown.state === 'ready' ? shown : { state: 'failed', error },
        ),
    );
    return () => {
      current = false;
    };
  }, [key, refresh]);
  return result;
}
