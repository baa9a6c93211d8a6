import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './test/test-app.ts';

describe('the request log', () => {
  const lines: Record<string, unknown>[] = [];
  let app: TestApp;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    app = await startTestApp({ log: pino({ level: 'info' }, sink) });
  });
  afterAll(() => app.stop());

  it('writes one JSON line per request with its id, which the response carries too', async () => {
    const response = await fetch(`${app.url}/api/course`, { headers: { Cookie: 'secret=1' } });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect
      .poll(() => lines.find((line) => (line.req as { id?: string })?.id === id))
      .toMatchObject({
        level: 30,
        req: { id, method: 'GET', url: '/api/course' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      });
    expect(JSON.stringify(lines)).not.toContain('secret=1');
  });

  it("keeps the caller's own request id, and logs a client error as a warning", async () => {
    const response = await fetch(`${app.url}/api/lessons/no-such`, {
      headers: { 'X-Request-Id': 'trace-42' },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-42');
    await expect
      .poll(() => lines.find((line) => (line.req as { id?: string })?.id === 'trace-42'))
      .toMatchObject({
        level: 40,
        res: { statusCode: 404 },
      });
  });
});
