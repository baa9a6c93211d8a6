import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../progress/keys.ts';
import { expectError } from '../test/expect-error.ts';
import { LearnerClient } from '../test/learner-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';

// No accounts: a learner carries their progress to another device with a code they copy. Whoever
// holds the code is the learner, so it must be unguessable, kept by the server in a form that
// gives nobody a way in, and end when the learner ends the other browsers' access.
describe('recovery codes', () => {
  let app: TestApp;
  /** Each test's own client address (the app trusts X-Forwarded-For from 127.0.0.1). */
  let addresses = 0;
  beforeAll(async () => {
    app = await startTestApp({
      trustProxy: 'loopback',
      rateLimits: { recover: { requests: 4, perSeconds: 600 } },
    });
  });
  afterAll(() => app.stop());

  const CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/;

  /** A browser at an address of its own. */
  function browser() {
    const address = `192.0.2.${++addresses}`;
    const client = new LearnerClient(`${app.url}/api`);
    const recover = (code: unknown) =>
      client.request('POST', '/session/recover', typeof code === 'string' ? { code } : code, {
        headers: { 'X-Forwarded-For': address },
      });
    return Object.assign(client, { recover });
  }

  async function learnerWithCode() {
    const learner = browser();
    await learner.json(learner.put('/exercises/set-and-get/draft', { source: 'mine' }));
    await learner.post('/lessons/hashes/visits');
    const made = await learner.post('/session/recovery-code');
    expect(made.headers.get('cache-control')).toBe('no-store');
    const { code, madeAt } = await learner.json<{ code: string; madeAt: string }>(made);
    expect(code).toMatch(CODE);
    expect(Date.parse(madeAt)).toBeGreaterThan(Date.now() - 60_000);
    return { learner, code };
  }

  const draftOf = async (client: LearnerClient) =>
    (await client.json<{ source: string | null }>(client.get('/exercises/set-and-get/draft')))
      .source;

  it("carries a learner's progress to another browser, which continues as the same learner", async () => {
    const { learner, code } = await learnerWithCode();
    const other = browser();
    expect(await draftOf(other)).toBeNull();
    const recovered = await other.recover(code);
    expect(recovered.status).toBe(204);
    expect(recovered.headers.getSetCookie()[0]).toMatch(/^keyspace_learner=s%3A.*; HttpOnly/);
    expect(await draftOf(other)).toBe('mine');
    expect((await other.json<{ visited: string[] }>(other.get('/progress'))).visited).toEqual([
      'hashes',
    ]);
    // Both browsers are the learner now: what one saves, the other reads.
    await other.json(other.put('/exercises/set-and-get/draft', { source: 'from the phone' }));
    expect(await draftOf(learner)).toBe('from the phone');
  });

  it('takes the code however it was typed: lower case, spaces, O for 0 and I or L for 1', async () => {
    const { code } = await learnerWithCode();
    const typed = code
      .toLowerCase()
      .replace(/-/g, ' ')
      .replace(/0/g, 'o')
      .replace(/1/g, () => 'l');
    const other = browser();
    expect((await other.recover(`  ${typed} `)).status).toBe(204);
    expect(await draftOf(other)).toBe('mine');
  });

  it('refuses what is not a code (400) and a code of no one (404), saying what to do', async () => {
    for (const wrong of ['', 'ABCD-EFGH', 'U'.repeat(32), 'x'.repeat(101)]) {
      await expectError(await browser().recover(wrong), 400, /not a recovery code: a code is 32/);
    }
    await expectError(await browser().recover({}), 400, /code must be a string/);
    const unknown = browser();
    await expectError(
      await unknown.recover('0000-0000-0000-0000-0000-0000-0000-0000'),
      404,
      /no progress has this recovery code: check it .* or make a new one/,
    );
  });

  it('ends the old code when the learner makes a new one', async () => {
    const { learner, code } = await learnerWithCode();
    const { code: newer } = await learner.json<{ code: string }>(
      learner.post('/session/recovery-code'),
    );
    expect(newer).not.toBe(code);
    expect((await browser().recover(code)).status).toBe(404);
    expect((await browser().recover(newer)).status).toBe(204);
  });

  it('ends the code, and the browsers that used it, when the learner signs out other browsers', async () => {
    const { learner, code } = await learnerWithCode();
    const other = browser();
    expect((await other.recover(code)).status).toBe(204);
    expect((await learner.post('/session/sign-out-others')).status).toBe(204);
    await expectError(await other.get('/exercises/set-and-get/draft'), 401, /signed out/);
    // The code cannot bring a thief back either.
    expect((await browser().recover(code)).status).toBe(404);
    expect(await draftOf(learner)).toBe('mine');
  });

  it("keeps only a digest of a code, and never shows one learner's code to another", async () => {
    const { learner, code } = await learnerWithCode();
    const canonical = code.replace(/-/g, '');
    const stored = await app.state.redis.keys(keys.recoveryCode('*'));
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.join(' ')).not.toContain(canonical);
    const id = (await app.state.redis.get(stored[0] ?? ''))?.length;
    expect(id).toBe(36);
    for (const key of await app.state.redis.keys('keyspace:learner:*')) {
      if ((await app.state.redis.type(key)) !== 'hash') continue;
      expect(Object.values(await app.state.redis.hgetall(key)).join(' ')).not.toContain(canonical);
    }
    // Another learner's code is theirs: it brings their progress, not the first learner's.
    const stranger = browser();
    const { code: theirs } = await stranger.json<{ code: string }>(
      stranger.post('/session/recovery-code'),
    );
    expect(theirs).not.toBe(code);
    const third = browser();
    expect((await third.recover(theirs)).status).toBe(204);
    expect(await draftOf(third)).toBeNull();
    expect(await draftOf(learner)).toBe('mine');
  });

  it('counts the codes typed per address, right or wrong: 429 with Retry-After beyond the limit', async () => {
    const { code } = await learnerWithCode();
    const guesser = browser();
    for (let guess = 0; guess < 3; guess += 1) {
      expect((await guesser.recover('0000-0000-0000-0000-0000-0000-0000-0000')).status).toBe(404);
    }
    expect((await guesser.recover(code)).status).toBe(204);
    const refused = await guesser.recover(code);
    await expectError(refused, 429, /too many requests: 4 recover requests .* every 600 s/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(500);
    // Another address is counted on its own.
    expect((await browser().recover(code)).status).toBe(204);
  });
});
