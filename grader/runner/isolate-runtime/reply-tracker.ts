import type { Host } from './host.ts';

// Taken before learner code runs: code that replaces these later (Promise.prototype.then, Error,
// Array and Map methods, setters on Array.prototype) can neither make a reply look delivered
// before it was, nor hide where a command was sent, nor spoil the report.
const then = Promise.prototype.then;
const Settled = Promise;
const getEntry = Map.prototype.get;
const CallSite = Error;
const apply = Reflect.apply;
const defineProperty = Reflect.defineProperty;
const forEachEntry = Map.prototype.forEach;
const setEntry = Map.prototype.set;
const deleteEntry = Map.prototype.delete;
const clearEntries = Map.prototype.clear;
const addMember = Set.prototype.add;
const hasMember = Set.prototype.has;
const toText = String;
const slice = String.prototype.slice;
const indexOf = String.prototype.indexOf;

/** The runtime's file name in stacks, written into the bundle by runtime-bundle.ts. */
declare const KEYSPACE_RUNTIME_FILE: string;

/**
 * A stack as the host gets it: a real one is a few KB, and the learner's frame is near its top.
 * Cut, because learner code decides what a stack reads (Error.prepareStackTrace), and one long
 * text returned for every stack would be copied out once per command reported.
 */
const STACK_CHARS = 8_000;
const stackText = (site: Error): string =>
  apply(slice, toText(site.stack), [0, STACK_CHARS]) as string;

/**
 * `error` placed where learner code sent the command that failed, much as ioredis's
 * showFriendlyErrorStack places it: the error's first line, then the frames that sent the
 * command, the runtime's own left out. An error Redis answered comes from the worker with the
 * worker's stack, which neither shows where the learner sent it nor is theirs to see.
 */
export function placedAt(error: unknown, site: Error): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const thrown = toText((error as Error).stack);
  const headerEnd = apply(indexOf, thrown, ['\n']) as number;
  let placed = headerEnd < 0 ? thrown : (apply(slice, thrown, [0, headerEnd]) as string);
  const sent = stackText(site);
  // The site's first line is its own header ("Error"); each frame follows on a line of its own.
  for (let from = apply(indexOf, sent, ['\n']) as number; from >= 0; ) {
    const next = apply(indexOf, sent, ['\n', from + 1]) as number;
    const frame = apply(slice, sent, [from, next < 0 ? sent.length : next]) as string;
    if ((apply(indexOf, frame, [KEYSPACE_RUNTIME_FILE]) as number) < 0) placed += frame;
    from = next;
  }
  defineProperty(error, 'stack', { value: placed, writable: true, configurable: true });
  return error;
}

/** A command still unanswered when its call settled, with the stack that sent it. */
export interface Unanswered {
  command: string;
  stack: string;
}

/** Where learner code sent a command: the number the host was given with it, and the stack. */
export interface SentFrom {
  site: number;
  stack: string;
}

/**
 * Delivers Redis replies to learner code, and knows which have not reached it yet. A learner
 * call that settles while one of its commands is still unanswered returned without awaiting it:
 * the command may land after the check has looked, or never. Runs inside the isolate, where
 * "delivered" is exact.
 *
 * A client's replies are delivered in the order it sent its commands, as ioredis delivers them:
 * Redis answers one connection in order, and the worker receives the replies so, but the isolate
 * takes each as a task of its own, and two tasks may come in either order. Without this,
 * `redis.set(…)` left unawaited before an awaited `redis.hset(…)` on the same client could still
 * look unanswered when the call returned, in some runs and not others.
 */
export function createReplyTracker() {
  // The stack is taken when a command is sent (cheap: V8 formats it only when read), and read
  // only for a command that is reported.
  const unanswered = new Map<number, { command: string; client: number; site: Error }>();
  /** Clients learner code closed (quit, disconnect): what they leave unanswered, they abandon. */
  const closed = new Set<number>();
  /** The first commands of a call, as many as it asked for, with where each was sent. */
  const sentFrom = new Map<number, Error>();
  let sitesWanted = 0;
  /** Each client's latest reply as learner code receives it: the next waits for it. */
  const latest = new Map<number, Promise<unknown>>();
  let lastId = 0;
  let callsUnderWay = 0;

  /**
   * `reply`, settled only once the client's earlier replies have settled. Built from the
   * intrinsics taken above, never by adopting `reply`: adopting reads `reply.then`, which learner
   * code may have replaced to settle a reply before Redis answered.
   */
  const inOrder = <T>(client: number, reply: Promise<T>): Promise<T> => {
    const before = apply(getEntry, latest, [client]) as Promise<unknown> | undefined;
    const ordered: Promise<T> =
      before === undefined
        ? reply
        : new Settled<T>((resolve, reject) => {
            const deliver = () => apply(then, reply, [resolve, reject]);
            apply(then, before, [deliver, deliver]);
          });
    apply(setEntry, latest, [client, ordered]);
    return ordered;
  };

  /** Numbers a command about to be sent, and notes the stack that sends it. */
  const sending = (command: string, client: number): { id: number; site: Error } => {
    const id = ++lastId;
    const site = new CallSite();
    apply(setEntry, unanswered, [id, { command, client, site }]);
    if (sitesWanted > 0) {
      sitesWanted -= 1;
      apply(setEntry, sentFrom, [id, site]);
    }
    return { id, site };
  };

  /** The host's reply, its error (if any) placed where the command was sent. */
  const placed = <T>(site: Error, reply: Promise<T>): Promise<T> =>
    new Settled<T>((resolve, reject) => {
      apply(then, reply, [resolve, (error: unknown) => reject(placedAt(error, site))]);
    });

  const tracked = <T>(id: number, reply: Promise<T>): Promise<T> => {
    const delivered = () => {
      apply(deleteEntry, unanswered, [id]);
    };
    apply(then, reply, [delivered, delivered]);
    return reply;
  };

  return {
    /** A host whose Redis calls are tracked until their replies are delivered. */
    track(host: Host): Host {
      return {
        ...host,
        send: {
          apply: (receiver, [client, method, commandArgs, , db], options) => {
            const { id, site } = sending(commandName(method, commandArgs), client);
            return tracked(
              id,
              inOrder(
                client,
                placed(
                  site,
                  host.send.apply(receiver, [client, method, commandArgs, id, db], options),
                ),
              ),
            );
          },
          applySync: (receiver, args, options) => host.send.applySync(receiver, args, options),
        },
        exec: {
          apply: (receiver, [client, commands, atomic, , db], options) => {
            const { id, site } = sending(atomic ? 'MULTI/EXEC' : 'pipeline', client);
            return tracked(
              id,
              inOrder(
                client,
                placed(
                  site,
                  host.exec.apply(receiver, [client, commands, atomic, id, db], options),
                ),
              ),
            );
          },
          applySync: (receiver, args, options) => host.exec.applySync(receiver, args, options),
        },
        clientEvent: {
          apply: (receiver, args, options) => host.clientEvent.apply(receiver, args, options),
          applySync: (receiver, [client, event], options) => {
            if (event === 'closed') apply(addMember, closed, [client]);
            return host.clientEvent.applySync(receiver, [client, event], options);
          },
        },
      };
    },

    /**
     * Runs a learner call. It settles with its value, the commands still unanswered when it
     * settled, and where its first `sites` commands were sent from; with several calls under way
     * at once, a command cannot be told apart from another call's, so only the last to settle
     * reports.
     */
    async during(
      work: () => unknown,
      sites: number,
    ): Promise<{ value: unknown; unanswered: Unanswered[]; sentFrom: SentFrom[] }> {
      // A command an earlier call left unanswered was reported when that call settled; its reply
      // may never come (its check ended and closed its gate), and neither it nor its place in
      // its client's order is this call's.
      if (callsUnderWay === 0) {
        apply(clearEntries, unanswered, []);
        apply(clearEntries, latest, []);
        apply(clearEntries, sentFrom, []);
        sitesWanted = sites;
      }
      callsUnderWay += 1;
      try {
        const value = await work();
        const pending: Unanswered[] = [];
        if (callsUnderWay === 1) {
          apply(forEachEntry, unanswered, [
            ({ command, client, site }: { command: string; client: number; site: Error }) => {
              // QUIT's reply says nothing the program needs: not awaiting it is harmless. Nor is
              // a subscription's on a connection the code closed: it ends with the connection,
              // as a listener that times out before Redis answers its SUBSCRIBE does.
              const abandoned =
                apply(hasMember, ABANDONED_WITH_CONNECTION, [command]) &&
                apply(hasMember, closed, [client]);
              if (command === 'QUIT' || abandoned) return;
              const entry = { command, stack: stackText(site) };
              defineProperty(pending, pending.length, { value: entry, enumerable: true });
            },
          ]);
        }
        const placed: SentFrom[] = [];
        if (callsUnderWay === 1) {
          apply(forEachEntry, sentFrom, [
            (site: Error, id: number) => {
              const entry = { site: id, stack: stackText(site) };
              defineProperty(placed, placed.length, { value: entry, enumerable: true });
            },
          ]);
          apply(clearEntries, sentFrom, []);
        }
        return { value, unanswered: pending, sentFrom: placed };
      } finally {
        callsUnderWay -= 1;
      }
    },
  };
}

/** Commands whose only effect lasts as long as the connection that sent them. */
const ABANDONED_WITH_CONNECTION = new Set([
  'SUBSCRIBE',
  'PSUBSCRIBE',
  'SSUBSCRIBE',
  'UNSUBSCRIBE',
  'PUNSUBSCRIBE',
  'SUNSUBSCRIBE',
]);

/** The Redis command an ioredis method sends, as a learner reads it: `hset`, `call('HSET')` → HSET. */
function commandName(method: unknown, args: unknown): string {
  const name = String(method);
  if ((name === 'call' || name === 'callBuffer') && Array.isArray(args)) {
    return String(args[0]).toUpperCase();
  }
  return (name.endsWith('Buffer') ? name.slice(0, -'Buffer'.length) : name).toUpperCase();
}
