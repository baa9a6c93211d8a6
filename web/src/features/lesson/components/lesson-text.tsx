import { useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useScrollableCode } from '../../../app/prose.tsx';
import { BlockRunner } from '../../console/components/block-runner.tsx';

interface Runnable {
  host: HTMLElement;
  commands: string;
  /** The reply the lesson shows beneath the block, if it shows one. */
  expected: HTMLDetailsElement | null;
}

/** The lesson as the server rendered it, each runnable block given its Run button. */
export function LessonText({ lesson, html }: { lesson: string; html: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [runnables, setRunnables] = useState<Runnable[]>([]);
  useScrollableCode(container, html);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the blocks change with `html`.
  useLayoutEffect(() => {
    const blocks = container.current?.querySelectorAll<HTMLElement>('.runnable-redis') ?? [];
    const found = [...blocks].map((block) => {
      const host = document.createElement('div');
      block.append(host);
      const next = block.nextElementSibling;
      return {
        host,
        commands: block.querySelector('code')?.textContent ?? '',
        expected: next instanceof HTMLDetailsElement && next.matches('.redis-output') ? next : null,
      };
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
      {runnables.map(({ host, commands, expected }, index) =>
        createPortal(
          <BlockRunner
            lesson={lesson}
            number={index + 1}
            commands={commands}
            expected={expected}
          />,
          host,
        ),
      )}
    </>
  );
}
