import Redis from 'ioredis';
import type { SandboxAddress } from '../redis/sandbox-server.ts';

/**
 * Commands that leave something on the connection itself (a database choice, a transaction,
 * WATCHes, a name, a subscription): a connection that sent one is RESET before it is reused.
 */
const CONNECTION_STATE = new Set([
  'select',
  'multi',
  'exec',
  'discard',
  'watch',
  'unwatch',
  'client',
  'readonly',
  'readwrite',
  'asking',
  'auth',
  'hello',
  'reset',
  'subscribe',
  'psubscribe',
  'ssubscribe',
  'unsubscribe',
  'punsubscribe',
  'sunsubscribe',
  'monitor',
  'quit',
]);

/** Commands after which a connection is not what RESET can make fresh again for ioredis. */
const SPOILING = new Set([
  'subscribe',
  'psubscribe',
  'ssubscribe',
  'monitor',
  'quit',
  'hello',
  'reset',
]);

/**
 * The worker's connections to one sandbox, kept across checks and runs: a connection costs a
 * handshake and an AUTH, which would otherwise be much of a check. The grader's own client is
 * kept while it works; learner connections go back to a pool after RESET (which clears the
 * database choice, transactions, WATCHes and client name), unless something about them cannot
 * be reset for ioredis.
 */
export class SandboxConnections {
  private trustedClient: Redis | undefined;
  private readonly idle: Redis[] = [];
  /** The limits last applied with CONFIG SET, so that an unchanged run skips the round trip. */
  appliedLimits = '';

  constructor(readonly address: SandboxAddress) {}

  trusted(): Redis {
    if (this.trustedClient?.status === 'end' || this.trustedClient?.status === 'close') {
      this.trustedClient = undefined;
      this.appliedLimits = '';
    }
    this.trustedClient ??= connect(this.address, 'grader', this.address.graderPassword);
    return this.trustedClient;
  }

  learner(): Redis {
    return this.idle.pop() ?? connect(this.address, 'learner', this.address.learnerPassword);
  }

  /**
   * Takes back a learner connection: kept if it is (or RESET makes it) as fresh as a new one,
   * closed otherwise.
   */
  async giveBack(client: Redis, { pending, sent }: { pending: number; sent: ReadonlySet<string> }) {
    const names = [...sent];
    if (pending > 0 || client.status !== 'ready' || names.some((name) => SPOILING.has(name))) {
      client.disconnect();
      return;
    }
    if (!names.some((name) => CONNECTION_STATE.has(name))) {
      this.idle.push(client);
      return;
    }
    // RESET also logs the connection out (back to the default user, which is off): log in again
    // in the same round trip.
    const replies = await client
      .pipeline()
      .call('RESET')
      .call('AUTH', 'learner', this.address.learnerPassword)
      .exec()
      .catch(() => null);
    if (replies?.every(([error]) => !error)) this.idle.push(client);
    else client.disconnect();
  }

  close(): void {
    this.trustedClient?.disconnect();
    for (const client of this.idle.splice(0)) client.disconnect();
  }
}

function connect(address: SandboxAddress, username: string, password: string): Redis {
  const client = new Redis({
    path: address.socketPath,
    username,
    password,
    // The ready check's INFO would fail while a learner's script still runs; a sandbox that went
    // away is not coming back: fail fast, no retries, no reconnection.
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  return client;
}

/** A one-off grader connection to a sandbox, for work outside a run (consoles, verify). */
export function connectTrusted(address: SandboxAddress): Redis {
  return connect(address, 'grader', address.graderPassword);
}

const bySandbox = new Map<string, SandboxConnections>();

/** The connections to a sandbox, made on first use in this worker. */
export function connectionsTo(address: SandboxAddress): SandboxConnections {
  let connections = bySandbox.get(address.socketPath);
  if (!connections || connections.address.graderPassword !== address.graderPassword) {
    connections?.close();
    connections = new SandboxConnections(address);
    bySandbox.set(address.socketPath, connections);
  }
  return connections;
}
