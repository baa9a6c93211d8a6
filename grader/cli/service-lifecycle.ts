import { once } from 'node:events';
import type { Server } from 'node:net';
import { NO_NETWORK_NAMESPACE } from '../worker/network-isolation.ts';

// What `keyspace start` and `keyspace worker` share: both serve until told to stop, then finish
// what they hold.

/** Listens, and resolves once listening; rejects with why it cannot (EADDRINUSE, EACCES). */
export async function listen(server: Server, port: number, host?: string): Promise<void> {
  server.listen(port, host);
  await once(server, 'listening');
}

/**
 * The first SIGINT (Ctrl+C) or SIGTERM: the cue to finish what is in hand and stop. A second
 * Ctrl+C is Node's default again, which ends the process at once.
 */
export function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

/** Says in the log when the grader's workers run with a network: one layer of isolation fewer. */
export function warnIfNotIsolated(
  grader: { networkIsolated: boolean },
  log: { warn(message: string): void },
): void {
  if (!grader.networkIsolated) log.warn(NO_NETWORK_NAMESPACE);
}
