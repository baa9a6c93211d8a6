import Redis from 'ioredis';
import type { SandboxAddress } from '../redis/sandbox-server.ts';
import { STATEFUL_COMMANDS } from './stateful-commands.ts';

export { STATE_CATEGORIES, STATEFUL_COMMANDS } from './stateful-commands.ts';

/** How many unused learner connections a worker keeps open to each sandbox. */
const SPARE_LEARNER_CONNECTIONS = 2;
/** Connections kept for lending, spares and clean used ones together. */
const KEPT_LEARNER_CONNECTIONS = 4;

/**
 * Of those, the commands after which ioredis itself holds state too (subscriber or monitor
 * mode), or the connection is gone: no reset makes such a connection fresh.
 */
const CLOSING_COMMANDS: ReadonlySet<string> = new Set([
  'psubscribe',
  'punsubscribe',
  'ssubscribe',
  'subscribe',
  'sunsubscribe',
  'unsubscribe',
  'monitor',
  'quit',
]);

/** The commands of those categories that leave nothing on the connection. */
export const STATELESS_IN_STATE_CATEGORIES: ReadonlySet<string> = new Set([
  'ping',
  'echo',
  'command',
  'publish',
  'spublish',
  'pubsub',
]);

/** What one check did with a learner connection, as its bridge saw it. */
export interface ConnectionUsage {
  /** Commands sent and not yet answered. */
  pending: number;
  /** The Redis commands sent, lower-case. */
  sent: Set<string>;
}

/**
 * The worker's connections to one sandbox, kept across checks and runs: a new connection costs
 * a handshake, over a millisecond of the worker's time, which would otherwise be much of a
 * check. The grader's own client is kept while it works. A learner connection is lent again
 * only as fresh as a new one:
 * - one that sent no command of Redis's own connection, transaction or pub/sub categories that
 *   leaves state holds none, once every reply has arrived;
 * - one whose state is all on the server (a database, a protocol, a name, a user, a MULTI,
 *   WATCHes) gets RESET, which clears it and falls back to RESP2, then the very handshake ioredis
 *   made (HELLO 3 with AUTH), so that it speaks the protocol ioredis believes it does;
 * - any other (subscriber or monitor mode, which ioredis keeps too; a reply still due) is closed.
 * Spares are opened in the background, so a new one is ready when asked for.
 */
export class SandboxConnections {
  private trustedClient: Redis | undefined;
  private readonly kept: Redis[] = [];
  /** Once closed, a reset that finishes later closes its connection instead of keeping it. */
  private closed = false;
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

  /** A connection logged in as `learner`, as fresh as a new one. */
  learner(): Redis {
    let client = this.kept.pop();
    while (client && ended(client)) client = this.kept.pop();
    return client ?? connect(this.address, 'learner', this.address.learnerPassword);
  }

  /** Takes back a learner connection once its check is over: kept if it is (or is made) fresh. */
  giveBack(client: Redis, { pending, sent }: ConnectionUsage): void {
    const names = [...sent];
    if (
      this.closed ||
      pending > 0 ||
      client.status !== 'ready' ||
      this.kept.length >= KEPT_LEARNER_CONNECTIONS ||
      names.some((name) => CLOSING_COMMANDS.has(name))
    ) {
      client.disconnect();
    } else if (names.some((name) => STATEFUL_COMMANDS.has(name))) {
      void this.reset(client);
    } else {
      this.kept.push(client);
    }
  }

  private async reset(client: Redis): Promise<void> {
    const replies = await client
      .pipeline()
      .call('RESET')
      .call('HELLO', String(PROTOCOL), 'AUTH', 'learner', this.address.learnerPassword)
      .exec()
      .catch(() => null);
    const fresh = replies?.every(([error]) => !error) && client.status === 'ready';
    if (fresh && !this.closed && this.kept.length < KEPT_LEARNER_CONNECTIONS)
      this.kept.push(client);
    else client.disconnect();
  }

  /** Closes a learner connection that must not be lent again (a subscriber's). */
  retire(client: Redis): void {
    client.disconnect();
  }

  /** Opens spares up to the target, so the next check's connections are ready. */
  topUp(): void {
    for (let count = this.kept.length; count < SPARE_LEARNER_CONNECTIONS; count++) {
      // Lent last (`learner` takes from the end): a spare is still connecting when it is made.
      this.kept.unshift(connect(this.address, 'learner', this.address.learnerPassword));
    }
  }

  close(): void {
    this.closed = true;
    this.trustedClient?.disconnect();
    for (const client of this.kept.splice(0)) client.disconnect();
  }
}

function ended(client: Redis): boolean {
  return client.status === 'end' || client.status === 'close';
}

/** The protocol every connection speaks, said outright: a reset says it again (see `reset`). */
const PROTOCOL = 3;

function connect(
  address: SandboxAddress,
  username: string,
  password: string,
  commandTimeout?: number,
): Redis {
  const client = new Redis({
    path: address.socketPath,
    username,
    password,
    protocol: PROTOCOL,
    commandTimeout,
    // The ready check's INFO would fail while a learner's script still runs; a sandbox that went
    // away is not coming back: fail fast, no retries, no reconnection.
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  return client;
}

/**
 * A one-off grader connection to a sandbox, for work outside a run (consoles, verify); with
 * `commandTimeoutMs`, a command not answered by then fails with "Command timed out".
 */
export function connectTrusted(address: SandboxAddress, commandTimeoutMs?: number): Redis {
  return connect(address, 'grader', address.graderPassword, commandTimeoutMs);
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
