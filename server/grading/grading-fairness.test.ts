import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LearnerClient } from '../test/learner-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';

const SOLUTION = readFileSync(
  new URL('../../exercises/set-and-get/solution.ts', import.meta.url),
  'utf8',
);
const NEVER_SETTLES = 'export function main() { return new Promise(() => {}); }';

/** A learner at an address of its own (X-Forwarded-For, believed from loopback). */
class From extends LearnerClient {
  constructor(
    base: string,
    private readonly address: string,
  ) {
    super(base);
  }

  override request(method: string, path: string, body?: unknown, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set('X-Forwarded-For', this.address);
    return super.request(method, path, body, { ...init, headers });
  }
}

describe("an honest learner's Submit while others submit code that never settles", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ trustProxy: 'loopback' });
  });
  afterAll(() => app.stop());

  it('waits for none of their gradings, however many they start', async () => {
    const base = `${app.url}/api`;
    const submit = async (learner: LearnerClient, source: string) => {
      const started = performance.now();
      const answer = await learner.post('/exercises/set-and-get/submissions', { source });
      await answer.text();
      return { status: answer.status, ms: performance.now() - started };
    };
    // The honest learner has been at work before: their code is known to behave.
    const honest = new From(base, '198.51.100.7');
    expect((await submit(honest, SOLUTION)).status).toBe(200);
    // Six attackers from three addresses, each submitting again as soon as answered.
    let attacking = true;
    const attackerGradings: number[] = [];
    const judged = new Set<string>();
    const attackers = Array.from({ length: 6 }, async (_, index) => {
      const address = `203.0.113.${1 + (index % 3)}`;
      const attacker = new From(base, address);
      while (attacking) {
        const { status, ms } = await submit(attacker, NEVER_SETTLES);
        if (status === 200) {
          attackerGradings.push(ms);
          judged.add(address);
        } else await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
    // A grading from each address shows what their code does: the time limit, check after
    // check. Until then it is code like any other (a grading cannot be stopped for another).
    await expect.poll(() => judged.size, { timeout: 90_000, interval: 200 }).toBe(3);

    const submits = [];
    for (let round = 0; round < 3; round++) submits.push(await submit(honest, SOLUTION));
    attacking = false;
    await Promise.all(attackers);

    expect(submits.map(({ status }) => status)).toEqual([200, 200, 200]);
    // Compared within this run: an honest Submit waited for no attacker's grading to end.
    const slowestHonest = Math.max(...submits.map(({ ms }) => ms));
    const quickestAttack = Math.min(...attackerGradings);
    expect(slowestHonest).toBeLessThan(quickestAttack / 2);
  }, 180_000);
});
