import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { CommandDoc } from '../../../../../contracts/index.ts';

/** Space kept between the help and the window's right edge. */
const EDGE_PX = 8;
/** The widest the help gets (28rem at the default font size), so that it fits left of the edge. */
const WIDTH_PX = 448;
/** Time to move the pointer from the command to its help without the help going away. */
const LINGER_MS = 150;

/**
 * A command in the console's log, with Redis's summary and syntax of it shown on hover or focus
 * (Escape hides it, a click pins or hides it). The help floats above the page, drawn outside the
 * log, so that neither the log's scrolling cuts it nor its live region reads it out again.
 */
export function CommandHelp({ doc, children }: { doc: CommandDoc; children: ReactNode }) {
  const id = useId();
  const [at, setAt] = useState<{ top: number; left: number }>();
  const leaving = useRef<ReturnType<typeof setTimeout>>(undefined);
  const show = (target: HTMLElement) => {
    clearTimeout(leaving.current);
    const box = target.getBoundingClientRect();
    setAt({
      top: box.bottom,
      left: Math.max(EDGE_PX, Math.min(box.left, window.innerWidth - WIDTH_PX - EDGE_PX)),
    });
  };
  const hide = () => {
    clearTimeout(leaving.current);
    setAt(undefined);
  };
  const hideSoon = () => {
    clearTimeout(leaving.current);
    leaving.current = setTimeout(hide, LINGER_MS);
  };

  // The help is placed where the command was: once the page or the log scrolls, it is not.
  useEffect(() => {
    if (!at) return;
    const moved = () => setAt(undefined);
    window.addEventListener('scroll', moved, true);
    return () => window.removeEventListener('scroll', moved, true);
  }, [at]);
  useEffect(() => () => clearTimeout(leaving.current), []);

  return (
    <>
      <button
        type="button"
        className="command-name"
        aria-describedby={id}
        onMouseEnter={(event) => show(event.currentTarget)}
        onMouseLeave={hideSoon}
        onFocus={(event) => show(event.currentTarget)}
        onBlur={hide}
        onClick={(event) => (at ? hide() : show(event.currentTarget))}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && at) {
            event.stopPropagation();
            hide();
          }
        }}
      >
        {children}
      </button>
      <span id={id} hidden>
        {doc.syntax}: {doc.summary}
      </span>
      {at &&
        createPortal(
          <div
            className="command-tooltip"
            aria-hidden="true"
            style={{ top: at.top, left: at.left }}
            onMouseEnter={() => clearTimeout(leaving.current)}
            onMouseLeave={hideSoon}
          >
            <CommandSummary doc={doc} />
          </div>,
          document.body,
        )}
    </>
  );
}

/** A command's syntax, what it does, and what replaces it if Redis deprecates it. */
export function CommandSummary({ doc }: { doc: CommandDoc }) {
  return (
    <>
      <code className="command-syntax">{doc.syntax}</code>
      <span className="command-summary">
        {doc.summary}
        {doc.replacedBy && ` Deprecated: use ${doc.replacedBy}.`}
      </span>
    </>
  );
}
