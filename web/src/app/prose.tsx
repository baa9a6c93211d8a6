import { type RefObject, useLayoutEffect, useRef } from 'react';

/**
 * Makes each code block in `container` that scrolls sideways reachable by keyboard (tabindex 0),
 * as WCAG asks of scrollable regions, and marks it (`data-scrolls`) so that it shows it scrolls;
 * checked again whenever the width changes.
 */
export function useScrollableCode(container: RefObject<HTMLElement | null>, html: string): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the blocks change with `html`.
  useLayoutEffect(() => {
    const root = container.current;
    if (!root) return;
    const mark = () => {
      for (const pre of root.querySelectorAll('pre')) {
        const scrolls = pre.scrollWidth > pre.clientWidth;
        if (scrolls) pre.tabIndex = 0;
        else pre.removeAttribute('tabindex');
        pre.toggleAttribute('data-scrolls', scrolls);
      }
    };
    // Not measured here as well: reading a width now would lay out the whole page in the middle
    // of React's commit. The observer's first call comes after the browser's own layout, before
    // the frame is painted.
    const observer = new ResizeObserver(mark);
    observer.observe(root);
    return () => observer.disconnect();
  }, [html]);
}

/** HTML the server rendered from the course's Markdown (raw HTML off), as readable text. */
export function Prose({ html }: { html: string }) {
  const container = useRef<HTMLDivElement>(null);
  useScrollableCode(container, html);
  return (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: course content, rendered by the server's markdown-it (html: false).
    <div className="prose" ref={container} dangerouslySetInnerHTML={{ __html: html }} />
  );
}
