import { readdirSync, readFileSync } from 'node:fs';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { comparableValue } from '../test/comparable-value.ts';
import { WorkerPool } from '../worker/worker-pool.ts';
import { DEFAULT_LIMITS } from './limits.ts';

// Each program of grader/test/fidelity-programs/ runs twice against the same throwaway
// redis-server, flushed before each run: under Node with real ioredis, and in the sandbox as a
// Run job on a real worker. Both must return the same. A program is `<name>.ts` with
// `export default async function main(redis: Redis)`, returning anything comparableValue takes.

const PROGRAMS = new URL('../test/fidelity-programs/', import.meta.url).pathname;
const COMPARABLE = readFileSync(new URL('../test/comparable-value.ts', import.meta.url), 'utf8');
const MARKER = '@@fidelity ';

/** The program with what makes its result comparable, and an export for Run to call. */
function inSandboxSource(program: string): string {
  return `${program}
${COMPARABLE.replace(/^export function/m, 'function')}
export async function fidelityRun(redis: Redis): Promise<void> {
  let outcome: unknown;
  try {
    outcome = { returned: comparableValue(await main(redis)) };
  } catch (error) {
    outcome = { threw: comparableValue(error) };
  }
  console.log(${JSON.stringify(MARKER)} + JSON.stringify(outcome));
}
`;
}

describe('fidelity programs return in the sandbox what they return under Node and ioredis', () => {
  let server: SandboxServer;
  let workers: WorkerPool;
  let grader: Redis;

  beforeAll(async () => {
    [server, workers] = await Promise.all([SandboxServer.start(), WorkerPool.start(1)]);
    grader = new Redis({
      path: server.address.socketPath,
      username: 'grader',
      password: server.address.graderPassword,
    });
  });
  afterAll(async () => {
    grader.disconnect();
    await workers.stop();
    await server.stop();
  });

  async function underNode(file: string): Promise<unknown> {
    const { default: main } = (await import(`${PROGRAMS}${file}`)) as {
      default: (redis: Redis) => Promise<unknown>;
    };
    const redis = new Redis({
      path: server.address.socketPath,
      username: 'learner',
      password: server.address.learnerPassword,
    });
    try {
      return JSON.parse(JSON.stringify({ returned: comparableValue(await main(redis)) }));
    } catch (error) {
      return JSON.parse(JSON.stringify({ threw: comparableValue(error) }));
    } finally {
      redis.disconnect();
    }
  }

  async function inSandbox(program: string): Promise<unknown> {
    const reply = await workers.run(
      {
        type: 'run-once',
        job: {
          source: inSandboxSource(program),
          file: 'fidelity.ts',
          fixturesDir: PROGRAMS,
          sandbox: server.address,
          limits: { ...DEFAULT_LIMITS, outputChars: 1_000_000 },
          calls: [{ call: 'fidelityRun', args: ['$redis'] }],
        },
      },
      30_000,
    );
    if (reply.type !== 'ran' || !reply.outcome.ok) {
      throw new Error(`the worker answered ${JSON.stringify(reply)}`);
    }
    const { result } = reply.outcome;
    const line = result.output.split('\n').find((text) => text.startsWith(MARKER));
    if (!line) throw new Error(`the program did not finish: ${JSON.stringify(result)}`);
    return JSON.parse(line.slice(MARKER.length));
  }

  const files = readdirSync(PROGRAMS)
    .filter((file) => file.endsWith('.ts'))
    .sort();

  it('finds programs to run', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s', async (file) => {
    const program = readFileSync(`${PROGRAMS}${file}`, 'utf8');
    expect(program, `${file} must export default async function main(redis)`).toMatch(
      /^export default async function main\(/m,
    );
    await grader.flushall();
    const node = await underNode(file);
    await grader.flushall();
    const sandbox = await inSandbox(program);
    expect(sandbox, `${file}: the sandbox (actual) against Node (expected)`).toStrictEqual(node);
  });
});
