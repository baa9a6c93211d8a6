import ivm from 'isolated-vm';
import { IOREDIS_MODULE_SOURCE, PRELUDE_SOURCE } from './isolate-prelude.ts';
import { COMMAND_METHODS, type RedisBridge } from './redis-bridge.ts';
import { SUBMISSION_FILE } from './transpile.ts';

export interface IsolateLimits {
  memoryMb: number;
  /** Wall time for loading the module and for each call, enforced by the host. */
  timeoutMs: number;
}

/** The learner's code failed on its own terms: it threw, or it did not finish in time. */
export class LearnerCodeError extends Error {
  override name = 'LearnerCodeError';
}

export type CallArg = { kind: 'sandbox-client' } | { kind: 'value'; value: unknown };

/**
 * One fresh V8 isolate holding one learner module. Nothing of Node is inside: only the
 * prelude's console and ioredis stand-in, which forward to the worker through References.
 */
export class LearnerIsolate {
  private stopped: string | undefined;

  private constructor(
    private readonly isolate: ivm.Isolate,
    private readonly module: ivm.Module,
    private readonly invoker: ivm.Reference<(...args: unknown[]) => Promise<unknown>>,
    private readonly limits: IsolateLimits,
  ) {}

  static async load(
    javascript: string,
    bridge: RedisBridge,
    print: (level: string, text: string) => void,
    limits: IsolateLimits,
  ): Promise<LearnerIsolate> {
    const isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
    try {
      const context = await isolate.createContext();
      const invoker = await context.evalClosure(
        PRELUDE_SOURCE,
        [
          new ivm.Reference((id: number, method: string, args: unknown[]) =>
            bridge.send(id, method, args),
          ),
          new ivm.Reference(print),
          new ivm.ExternalCopy(COMMAND_METHODS).copyInto(),
        ],
        { result: { reference: true } },
      );
      const ioredis = await isolate.compileModule(IOREDIS_MODULE_SOURCE, { filename: 'ioredis' });
      const module = await isolate
        .compileModule(javascript, { filename: SUBMISSION_FILE })
        .catch((error: Error) => {
          throw new LearnerCodeError(error.message);
        });
      await module.instantiate(context, (specifier) => {
        if (specifier === 'ioredis') return ioredis;
        throw new LearnerCodeError(
          `cannot import '${specifier}': exercises run in a sandbox where only 'ioredis' can be imported`,
        );
      });
      const loaded = new LearnerIsolate(isolate, module, invoker, limits);
      await loaded.withinTime(
        'loading your module',
        module.evaluate({ timeout: limits.timeoutMs }),
      );
      return loaded;
    } catch (error) {
      if (!isolate.isDisposed) isolate.dispose();
      throw error;
    }
  }

  /** Calls an export; resolves with a copy of its result, or rejects with a LearnerCodeError. */
  call(name: string, args: CallArg[]): Promise<unknown> {
    if (this.stopped) {
      return Promise.reject(
        new LearnerCodeError(`not run: your code was stopped (${this.stopped})`),
      );
    }
    const reply = this.invoker.apply(
      undefined,
      [this.module.namespace.derefInto(), name, new ivm.ExternalCopy(args).copyInto()],
      { timeout: this.limits.timeoutMs, result: { promise: true, copy: true } },
    );
    return this.withinTime(`${name}()`, reply);
  }

  get cpuMs(): number {
    return this.isolate.isDisposed ? 0 : Number(this.isolate.cpuTime) / 1e6;
  }

  dispose(): void {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }

  /**
   * An isolate's own timeout covers only synchronous work; a promise that never settles is
   * caught here, on the host, and the isolate is disposed so nothing of it runs on.
   */
  private async withinTime<T>(what: string, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.stop(`${what} did not finish within ${this.limits.timeoutMs} ms`);
        reject(new LearnerCodeError(this.stopped));
      }, this.limits.timeoutMs);
    });
    try {
      return await Promise.race([work, deadline]);
    } catch (error) {
      if (error instanceof LearnerCodeError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      // isolated-vm reports a synchronous timeout or a blown heap as a plain Error.
      if (/timed out/i.test(message))
        this.stop(`${what} did not finish within ${this.limits.timeoutMs} ms`);
      else if (/memory limit/i.test(message))
        this.stop(`${what} used more than ${this.limits.memoryMb} MB`);
      throw new LearnerCodeError(this.stopped ?? `${what} threw: ${message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private stop(reason: string): void {
    this.stopped ??= reason;
    this.dispose();
  }
}
