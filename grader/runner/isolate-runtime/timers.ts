import type { Host } from './host.ts';

type Callback = (...args: unknown[]) => void;

/**
 * setTimeout and friends on top of the worker's sleep(): when a check ends, the worker stops
 * answering sleeps, so no timer of that check can fire into the next one.
 */
export function installTimers(sleep: Host['sleep'], cancelSleep: Host['cancelSleep']): void {
  let lastId = 0;
  const live = new Set<number>();

  const schedule = (id: number, ms: number, run: () => void, repeat: boolean): void => {
    sleep.apply(undefined, [ms, id], { result: { promise: true } }).then(() => {
      if (!live.has(id)) return;
      if (!repeat) live.delete(id);
      try {
        run();
      } catch (error) {
        console.error('Uncaught error in a timer callback:', error);
      }
      if (repeat && live.has(id)) schedule(id, ms, run, repeat);
    });
  };

  const start =
    (repeat: boolean) =>
    (callback: Callback, ms?: number, ...args: unknown[]) => {
      if (typeof callback !== 'function') throw new TypeError('The callback must be a function');
      const id = ++lastId;
      live.add(id);
      const delay = Math.max(repeat ? 1 : 0, Number(ms) || 0);
      schedule(id, delay, () => callback(...args), repeat);
      return id;
    };
  // The host is told, so that a cleared timer waits for nothing: in a race it would otherwise
  // still fire, as a step of its own, when virtual time reached it.
  const clear = (id: unknown) => {
    if (!live.delete(Number(id))) return;
    cancelSleep.applySync(undefined, [Number(id)], {});
  };

  Object.assign(globalThis, {
    setTimeout: start(false),
    setInterval: start(true),
    setImmediate: (callback: Callback, ...args: unknown[]) => start(false)(callback, 0, ...args),
    clearTimeout: clear,
    clearInterval: clear,
    clearImmediate: clear,
    queueMicrotask: (callback: () => void) => {
      Promise.resolve().then(callback);
    },
  });
}
