import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.ts';

const TOKEN = 'metrics-token-0123456789';

describe('GET /metrics with KEYSPACE_METRICS_TOKEN set', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ metricsToken: TOKEN });
  });
  afterAll(() => app.stop());

  it('answers 401 without the token, or with another, and the metrics with it', async () => {
    for (const authorization of [undefined, 'Bearer not-the-token-at-all', `Basic ${TOKEN}`]) {
      const refused = await fetch(`${app.url}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      expect(refused.status, authorization).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
      expect((await refused.json()).message).toMatch(/KEYSPACE_METRICS_TOKEN/);
    }
    const scraped = await fetch(`${app.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^# HELP /);
  });
});
