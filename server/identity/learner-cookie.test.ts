import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LearnerClient } from '../test/learner-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';

// A learner's cookie lasts 400 days; a copy of it (a shared computer, a stolen profile) reaches
// their progress for as long. Signing out the other copies ends every copy but this browser's.
describe('the learner cookie', () => {
  let app: TestApp;
  let webDir: string;
  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'keyspace-page-'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>Keyspace</title>');
    app = await startTestApp({ webDir });
  });
  afterAll(async () => {
    await app.stop();
    await rm(webDir, { recursive: true, force: true });
  });

  it('comes with the first page, so the requests the page then sends together are one learner, and sets no other', async () => {
    const page = await fetch(`${app.url}/lessons/set-and-get`);
    expect(page.status).toBe(200);
    const cookie = page.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^keyspace_learner=s%3A/);
    const answers = await Promise.all(
      ['/api/course', '/api/progress', '/api/exercises/set-and-get/draft'].map((path) =>
        fetch(`${app.url}${path}`, { headers: { Cookie: cookie } }),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      // The page's cookie stands: an answer renewing it could undo a sign-out made meanwhile.
      expect(answer.headers.getSetCookie()).toEqual([]);
    }
  });

  /** A learner with a saved draft, and a second browser holding a copy of their cookie. */
  async function learnerAndCopy() {
    const learner = new LearnerClient(app.url);
    await learner.json(learner.put('/api/exercises/set-and-get/draft', { source: 'mine' }));
    const copy = new LearnerClient(app.url);
    copy.cookie = learner.cookie;
    expect(
      (await copy.json<{ source: string }>(copy.get('/api/exercises/set-and-get/draft'))).source,
    ).toBe('mine');
    return { learner, copy };
  }

  it('ends the copies: their API requests are refused, saying why, and reach nothing', async () => {
    const { learner, copy } = await learnerAndCopy();
    const before = learner.cookie;
    expect((await learner.post('/api/session/sign-out-others')).status).toBe(204);
    expect(learner.cookie).not.toBe(before);

    const refused = await copy.get('/api/exercises/set-and-get/draft');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({
      error: 'signed_out',
      message: expect.stringMatching(/signed out .* from another browser.*reload the page/),
    });
    // Refused, not renamed: the copy keeps its (dead) cookie rather than being handed a new one.
    expect(refused.headers.getSetCookie()).toEqual([]);
    const write = await copy.put('/api/exercises/set-and-get/draft', { source: 'theirs' });
    expect(write.status).toBe(401);
    expect(
      (await learner.json<{ source: string }>(learner.get('/api/exercises/set-and-get/draft')))
        .source,
    ).toBe('mine');
  });

  it('keeps the learner who signed out the others, with all of their progress, as the same learner', async () => {
    const { learner } = await learnerAndCopy();
    expect((await learner.post('/api/lessons/set-and-get/visits')).status).toBe(204);
    await learner.post('/api/session/sign-out-others');
    const progress = await learner.json<{ lastLesson: string; visited: string[] }>(
      learner.get('/api/progress'),
    );
    expect(progress.lastLesson).toBe('set-and-get');
    expect(
      (await learner.json<{ source: string }>(learner.get('/api/exercises/set-and-get/draft')))
        .source,
    ).toBe('mine');
    // Twice over: the cookie of the first sign-out ends too.
    const second = new LearnerClient(app.url);
    second.cookie = learner.cookie;
    await learner.post('/api/session/sign-out-others');
    expect((await second.get('/api/progress')).status).toBe(401);
    expect((await learner.get('/api/progress')).status).toBe(200);
  });

  it('gives a copy that loads a page a new learner of its own, who sees none of the progress', async () => {
    const { learner, copy } = await learnerAndCopy();
    await learner.post('/api/session/sign-out-others');
    const page = await copy.get('/lessons/set-and-get');
    expect(page.status).toBe(200);
    const draft = await copy.json<{ source: string | null }>(
      copy.get('/api/exercises/set-and-get/draft'),
    );
    expect(draft.source).not.toBe('mine');
  });

  it('leaves a cookie made before sign-outs existed (no generation) good until its learner signs out', async () => {
    const { learner } = await learnerAndCopy();
    // The cookie as every earlier version gave it: the bare learner id, signed.
    expect(decodeURIComponent(learner.cookie ?? '')).toMatch(/^keyspace_learner=s:[0-9a-f-]{36}\./);
    expect((await learner.get('/api/progress')).status).toBe(200);
  });
});
