// Runs an exercise's checks with the learner's module imported natively and a plain ioredis
// client: the same Redis commands as a real grading, without sandbox, isolate or worker.
// The benchmark's floor, and the body of its naive baseline.
import { pathToFileURL } from 'node:url';
import Redis from 'ioredis';
import type { CheckContext, CheckList, LoggedCommand } from '../grader/checks/api.ts';
import { expect } from '../grader/checks/expect.ts';
import { seededRandom } from '../grader/checks/random.ts';

export interface NativeTarget {
  checksPath: string;
  solutionPath: string;
  /** Where the Redis to use listens, and as whom to log in. */
  redis: { path: string; username?: string; password?: string };
}

export async function loadNative(target: NativeTarget) {
  const checks = (await import(pathToFileURL(target.checksPath).href))
    .default as CheckList<unknown>;
  const solution = (await import(pathToFileURL(target.solutionPath).href)) as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  const trusted = new Redis(target.redis);
  const learner = new Redis(target.redis);
  return {
    /** How many checks the exercise has. */
    checkCount: checks.length,
    /** Runs every check once; returns how many passed. */
    async grade(): Promise<number> {
      let passed = 0;
      const random = seededRandom();
      for (const check of checks) {
        await trusted.flushall();
        const log: LoggedCommand[] = [];
        const logged = new Proxy(learner, {
          get(client, property, receiver) {
            const value = Reflect.get(client, property, receiver);
            if (typeof value !== 'function' || typeof property !== 'string') return value;
            return (...args: unknown[]) => {
              log.push({ name: property.toLowerCase(), args: args.map(String) });
              return value.apply(client, args);
            };
          },
        });
        const sandboxClient = { kind: 'sandbox-client' } as const;
        const context = {
          call: async (name: string, ...args: unknown[]) =>
            solution[name]?.(...args.map((arg) => (arg === sandboxClient ? logged : arg))),
          sandboxClient,
          redis: trusted,
          commands: () => log,
          expect,
          random,
        } as unknown as CheckContext<unknown>;
        try {
          await check.run(context);
          passed += 1;
        } catch {}
      }
      return passed;
    },
    close() {
      trusted.disconnect();
      learner.disconnect();
    },
  };
}
