// What the isolate receives from the worker: isolated-vm References to host functions, as seen
// from inside the isolate. The runtime takes them from globalThis.__keyspaceHost and deletes it
// before learner code runs, so learner code only ever reaches the host through the runtime.

import type { HostOutcome } from './node-errors.ts';

export type RandomApi = 'randomBytes' | 'randomUUID' | 'randomInt' | 'getRandomValues';

interface ApplyOptions {
  arguments?: { copy?: boolean };
  result?: { copy?: boolean; promise?: boolean };
}

export interface HostReference<Args extends unknown[], Result> {
  apply(receiver: undefined, args: Args, options: ApplyOptions): Promise<Result>;
  applySync(receiver: undefined, args: Args, options: ApplyOptions): Result;
}

export interface HostPipelineReply {
  error?: string;
  value?: unknown;
}

/** A message a subscriber connection heard, as ioredis's `…Buffer` events give it. */
export type HostMessage =
  | [event: 'message' | 'smessage', channel: Uint8Array, message: Uint8Array]
  | [event: 'pmessage', pattern: string, channel: Uint8Array, message: Uint8Array];

export interface Host {
  /**
   * Sends one command method of a client; resolves with ioredis's reply. `site` numbers the
   * place in learner code that sent it (see reply-tracker.ts), given by the runtime; `db` is the
   * database the client was in when it sent the command (its `db` option, then its SELECTs), as
   * ioredis keeps it: the worker selects it on whichever connection the client has.
   */
  send: HostReference<
    [clientId: number, method: string, args: unknown[], site?: number, db?: number],
    unknown
  >;
  /** Runs queued commands as ioredis's pipeline() or multi() would; `site` and `db` as for send. */
  exec: HostReference<
    [clientId: number, commands: unknown[][], atomic: boolean, site?: number, db?: number],
    HostPipelineReply[] | null
  >;
  /**
   * Resolves after `ms`, unless the check is over, in which case it never does. `timer` names it
   * for `cancelSleep`.
   */
  sleep: HostReference<[ms: number, timer: number], void>;
  /** The timer was cleared: its sleep resolves now, and nothing waits for it any more. */
  cancelSleep: HostReference<[timer: number], void>;
  /**
   * A value drawn by the worker for one of node:crypto's random APIs, with that API's arguments.
   * The worker records it, so a check can tell a random token from a made-up one.
   */
  random: HostReference<
    [api: RandomApi, args: unknown[]],
    HostOutcome<Uint8Array | string | number>
  >;
  /** A hash (without a key) or an HMAC of the chunks, by the worker's node:crypto. */
  digest: HostReference<
    [algorithm: string, key: Uint8Array | null, chunks: Uint8Array[], outputLength?: number],
    HostOutcome<Uint8Array>
  >;
  /** Bytes of a file in the exercise's fixtures/ folder. */
  readFixture: HostReference<[path: string], Uint8Array>;
  /**
   * What a client's subscriber connection heard since the last call, once it heard something;
   * null once that connection is closed, or if the client has none. A later call for the same
   * client answers the earlier one with null.
   */
  receive: HostReference<[clientId: number], HostMessage[] | null>;
  /** Closes a client's subscriber connection, if it has one (ioredis's disconnect()). */
  hangUp: HostReference<[clientId: number], void>;
  /**
   * A client's attempt to connect: true when it is refused, because the check took Redis away
   * (see learner-outage.ts). While away, send and exec reject with REDIS_AWAY.
   */
  connect: HostReference<[clientId: number], boolean>;
  /** What a client did that the checks may ask about. */
  clientEvent: HostReference<[clientId: number, event: ClientEvent], void>;
  /**
   * The byte limit was met here, before a command crossed (see byte-gate.ts): the worker, which
   * never saw those bytes, learns it so.
   */
  byteLimitHit: HostReference<[], void>;
  /** How many characters of console output to keep. */
  outputChars: number;
  /** Bytes the run may send to Redis and receive back (see byte-gate.ts). */
  maxBytes: number;
}

/** An `error` event that nothing listened for; quit(), disconnect() or end() called. */
export type ClientEvent = 'unhandled-error' | 'closed';

/** How send and exec reject while the check has taken Redis away: the connection is lost. */
export const REDIS_AWAY = 'keyspace: the sandbox Redis is away';
