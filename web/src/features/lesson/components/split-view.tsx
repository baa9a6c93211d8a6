import {
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  useRef,
  useState,
} from 'react';
import { readStored, store } from '../../../lib/browser-storage.ts';

const STORAGE_KEY = 'keyspace.split';
const MIN = 0.25;
const MAX = 0.75;
const STEP = 0.05;

const clamp = (share: number) => Math.min(MAX, Math.max(MIN, share));

function storedShare(): number {
  const stored = Number(readStored(STORAGE_KEY));
  return stored ? clamp(stored) : 0.5;
}

/**
 * Two columns with a handle between them, dragged or moved with the arrow keys; the share is
 * remembered. On a narrow screen the columns stack and the handle is hidden (see styles.css).
 */
export function SplitView({ start, end }: { start: ReactNode; end: ReactNode }) {
  const [share, setShare] = useState(storedShare);
  const layout = useRef<HTMLDivElement>(null);

  const resize = (next: number) => {
    const clamped = clamp(next);
    setShare(clamped);
    return clamped;
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const box = layout.current?.getBoundingClientRect();
    if (!box || !event.currentTarget.hasPointerCapture(event.pointerId)) return;
    resize((event.clientX - box.left) / box.width);
  };
  // Remembered once the drag ends, not at every move.
  const onPointerUp = () => store(STORAGE_KEY, String(share));
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowLeft: share - STEP,
      ArrowRight: share + STEP,
      Home: MIN,
      End: MAX,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    store(STORAGE_KEY, String(resize(next)));
  };

  return (
    <div
      ref={layout}
      className="lesson-layout"
      style={{ '--start': `${share}fr`, '--end': `${1 - share}fr` } as CSSProperties}
    >
      {start}
      {/* biome-ignore lint/a11y/useSemanticElements: a focusable separator is the ARIA pattern for a resize handle; <hr> cannot take focus or keys. */}
      <div
        className="split-handle"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the lesson and the exercise"
        aria-valuemin={MIN * 100}
        aria-valuemax={MAX * 100}
        aria-valuenow={Math.round(share * 100)}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
      />
      {end}
    </div>
  );
}
