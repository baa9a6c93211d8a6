import { type Callback, settle } from './redis-replies.ts';

/**
 * ioredis's Command, for `sendCommand`: one command and the promise of its reply, which comes as
 * Buffers unless `replyEncoding` names an encoding (then as text, as `call` answers).
 */
export class Command {
  readonly name: string;
  readonly args: unknown[];
  readonly replyEncoding: string | null | undefined;
  readonly promise: Promise<unknown>;
  #settle: { resolve(value: unknown): void; reject(error: unknown): void } | undefined;

  constructor(
    name: string,
    args: unknown[] = [],
    options: { replyEncoding?: string | null } = {},
    callback?: Callback,
  ) {
    this.name = name;
    this.args = args.flat();
    this.replyEncoding = options.replyEncoding;
    this.promise = settle(
      new Promise((resolve, reject) => {
        this.#settle = { resolve, reject };
      }),
      callback,
    );
  }

  /** Settles the promise with what the client's `call` or `callBuffer` got. */
  settleWith(reply: Promise<unknown>): Promise<unknown> {
    reply.then(this.#settle?.resolve, this.#settle?.reject);
    return this.promise;
  }
}
