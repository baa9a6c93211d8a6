import { type CustomCommands, customCommandCall } from './custom-commands.ts';
import type { Host } from './host.ts';
import { type Callback, COPY, commandPrototype, settle, withBuffers } from './redis-replies.ts';

/** What a pipeline needs of the client that made it. */
export interface PipelineOwner {
  /**
   * Runs `exec` on the client's connection, in the database the client is in as the pipeline
   * goes (`commands` may SELECT another for the client's later commands): now, or once it is
   * ready again when the connection is down; `failed` makes the reply when the client is closed
   * or gives up.
   */
  deliver<T>(
    commands: readonly unknown[][],
    exec: (connection: number, db: number) => Promise<T>,
    failed: (error: Error) => Promise<T>,
  ): Promise<T>;
  /** Its custom commands when the pipeline was made, as ioredis copies them then. */
  customCommands: CustomCommands;
}

type Result = [error: Error | null, value?: unknown];

export function createPipelineClass(host: Host, methods: ReadonlySet<string>) {
  class Pipeline {
    readonly #owner: PipelineOwner;
    readonly #atomic: boolean;
    readonly #commands: unknown[][] = [];

    constructor(owner: PipelineOwner, atomic: boolean, commands: unknown[][] = []) {
      this.#owner = owner;
      this.#atomic = atomic;
      for (const name of owner.customCommands.keys()) {
        for (const method of [name, `${name}Buffer`]) {
          Object.defineProperty(this, method, {
            value: (...args: unknown[]) => this.queue(method, args),
            writable: true,
            enumerable: true,
            configurable: true,
          });
        }
      }
      for (const [method, ...args] of commands) this.queue(String(method), args);
    }

    get length(): number {
      return this.#commands.length;
    }

    queue(method: string, args: unknown[]): this {
      const custom = customCommandCall(this.#owner.customCommands, method, args);
      this.#commands.push(custom ? [custom.method, ...custom.args] : [method, ...args]);
      return this;
    }

    call(...args: unknown[]): this {
      return this.queue('call', args);
    }

    callBuffer(...args: unknown[]): this {
      return this.queue('callBuffer', args);
    }

    exec(callback?: Callback): Promise<Result[] | null> {
      // As ioredis: when the client cannot send, each command of a pipeline fails, and a
      // transaction fails whole.
      const failed = (error: Error): Promise<Result[] | null> =>
        this.#atomic
          ? Promise.reject(error)
          : Promise.resolve(this.#commands.map((): Result => [error]));
      const reply = this.#owner.deliver(
        this.#commands,
        (connection, db) =>
          host.exec
            .apply(undefined, [connection, this.#commands, this.#atomic, undefined, db], COPY)
            .then((results) =>
              results === null
                ? null
                : results.map(
                    ({ error, value }): Result =>
                      // ioredis gives a failed command as [error], without a value.
                      error === undefined ? [null, withBuffers(value)] : [new Error(error)],
                  ),
            ),
        failed,
      );
      return settle(reply, callback);
    }
  }
  Object.setPrototypeOf(
    Pipeline.prototype,
    commandPrototype(
      methods,
      (method) =>
        function (this: Pipeline, ...args: unknown[]) {
          return this.queue(method, args);
        },
    ),
  );
  return Pipeline;
}
