import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grader } from '../grader.ts';

const COURSE = new URL('../test/course/', import.meta.url).pathname;
const EXERCISE = `${COURSE}exercises/randomness-audit/`;

const withToken = (expression: string, imports = '') => `${imports}
export async function createSession(redis, userId) {
  const token = ${expression};
  await redis.set(\`session:\${token}\`, String(userId));
  return token;
}`;

describe('checks can tell a token drawn from node:crypto from a made-up one', () => {
  let grader: Grader;
  beforeAll(async () => {
    grader = await Grader.start({ courseDir: COURSE });
  });
  afterAll(() => grader.stop());

  const statuses = async (source: string) =>
    (await grader.grade('randomness-audit', source)).checks.map(({ name, status, message }) => ({
      name,
      status,
      message,
    }));

  it('passes a randomUUID() token, and gives each check only its own draws', async () => {
    const checks = await statuses(readFileSync(`${EXERCISE}solution.ts`, 'utf8'));
    expect(checks.map(({ status }) => status)).toEqual(['pass', 'pass']);
  });

  it('fails a token made of Date.now() and Math.random()', async () => {
    const [first] = await statuses(readFileSync(`${EXERCISE}starter.ts`, 'utf8'));
    expect(first).toMatchObject({ status: 'fail' });
    expect(first?.message).toMatch(/holds no value drawn from node:crypto/);
  });

  it('passes random bytes however they are encoded, with a prefix', async () => {
    const imports = "import { randomBytes, getRandomValues } from 'node:crypto';";
    for (const expression of [
      "'sess_' + randomBytes(24).toString('base64url')",
      "randomBytes(16).toString('hex').toUpperCase()",
      "Buffer.from(getRandomValues(new Uint8Array(18))).toString('base64')",
    ]) {
      const [first] = await statuses(withToken(expression, imports));
      expect({ expression, status: first?.status }).toEqual({ expression, status: 'pass' });
    }
  });

  it('fails a hash of a random value: only the drawn value itself counts', async () => {
    const imports = "import { createHash, randomUUID } from 'node:crypto';";
    const [first] = await statuses(
      withToken("createHash('sha256').update(randomUUID()).digest('hex')", imports),
    );
    expect(first?.status).toBe('fail');
  });
});
