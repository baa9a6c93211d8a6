// What the isolate receives from the worker: isolated-vm References to host functions, as seen
// from inside the isolate. The runtime takes them from globalThis.__keyspaceHost and deletes it
// before learner code runs, so learner code only ever reaches the host through the runtime.

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

export interface Host {
  /** Sends one command method of a client; resolves with ioredis's reply. */
  send: HostReference<[clientId: number, method: string, args: unknown[]], unknown>;
  /** Runs queued commands as ioredis's pipeline() or multi() would. */
  exec: HostReference<
    [clientId: number, commands: unknown[][], atomic: boolean],
    HostPipelineReply[] | null
  >;
  /** Resolves after `ms`, unless the check is over, in which case it never does. */
  sleep: HostReference<[ms: number], void>;
  randomBytes: HostReference<[size: number], Uint8Array>;
  /** Bytes of a file in the exercise's fixtures/ folder. */
  readFixture: HostReference<[path: string], Uint8Array>;
  /** How many characters of console output to keep. */
  outputChars: number;
}
