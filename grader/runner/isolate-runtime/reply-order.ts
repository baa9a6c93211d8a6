import type { Host, HostReference } from './host.ts';

// Taken before learner code runs, as in reply-tracker.ts: code that replaces these later cannot
// change the order replies arrive in.
const then = Promise.prototype.then;
const apply = Reflect.apply;
const getEntry = Map.prototype.get;
const setEntry = Map.prototype.set;

/**
 * A host whose Redis replies reach the isolate in the order each client sent its commands, as
 * ioredis delivers them. Redis answers one connection in order, and the worker receives the
 * replies so; but the isolate takes each as a task of its own, and two tasks may come in either
 * order. Without this, `redis.set(…)` left unawaited before an awaited `redis.hset(…)` could
 * still look unanswered when the call returned, in some runs and not others.
 */
export function inConnectionOrder(host: Host): Host {
  const latest = new Map<number, Promise<unknown>>();
  const after = <T>(client: number, reply: Promise<T>): Promise<T> => {
    const before = apply(getEntry, latest, [client]) as Promise<unknown> | undefined;
    const ordered: Promise<T> =
      before === undefined ? reply : apply(then, before, [() => reply, () => reply]);
    apply(setEntry, latest, [client, ordered]);
    return ordered;
  };
  const ordering = <Args extends [client: number, ...unknown[]], Result>(
    reference: HostReference<Args, Result>,
  ): HostReference<Args, Result> => ({
    apply: (receiver, args, options) => after(args[0], reference.apply(receiver, args, options)),
    applySync: (receiver, args, options) => reference.applySync(receiver, args, options),
  });
  return { ...host, send: ordering(host.send), exec: ordering(host.exec) };
}
