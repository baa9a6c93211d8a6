import { useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useScrollableCode } from '../../../app/prose.tsx';
import { BlockRunner } from '../../console/components/block-runner.tsx';

interface Runnable {
  host: HTMLElement;
  commands: string;
}

/** The lesson as the server rendered it, each runnable block given its Run button. */
export function LessonText({ html }: { html: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [runnables, setRunnables] = useState<Runnable[]>([]);
  useScrollableCode(container, html);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the blocks change with `html`.
  useLayoutEffect(() => {
    const blocks = container.current?.querySelectorAll<HTMLElement>('.runnable-redis') ?? [];
    const found = [...blocks].map((block) => {
      const host = document.createElement('div');
      block.append(host);
      return { host, commands: block.querySelector('code')?.textContent ?? '' };
    });
    setRunnables(found);
    return () => {
      for (const { host } of found) host.remove();
    };
  }, [html]);

  return (
    <>
      {/* The server renders Markdown with raw HTML disabled; the lesson is course content. */}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server's markdown-it (html: false). */}
      <div className="prose" ref={container} dangerouslySetInnerHTML={{ __html: html }} />
      {runnables.map(({ host, commands }) =>
        createPortal(<BlockRunner commands={commands} />, host),
      )}
    </>
  );
}
