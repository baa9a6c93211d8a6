import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.ts';

describe('the learner cookie on the page itself', () => {
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
});
