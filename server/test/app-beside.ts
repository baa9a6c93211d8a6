import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { ConsoleSessions } from '../../grader/index.ts';
import { type AppDeps, createApp } from '../app.ts';
import type { TestApp } from './test-app.ts';

export interface AppBeside {
  /** http://127.0.0.1:<port> */
  url: string;
  stop: () => Promise<void>;
}

/**
 * Another app on a test app's grader and Redis, configured otherwise (no instructor token, other
 * rate limits): cheaper than a second test app. Stop it before the test app.
 */
export async function startAppBeside(
  app: TestApp,
  deps: Partial<AppDeps> = {},
): Promise<AppBeside> {
  const consoles = new ConsoleSessions();
  const server: Server = createApp({
    grader: app.grader,
    consoles,
    state: app.state,
    log: pino({ level: 'silent' }),
    cookieSecret: 'a secret for this test only',
    ...deps,
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await consoles.stop();
    },
  };
}
