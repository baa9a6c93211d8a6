import Redis from 'ioredis';
import type { SandboxAddress } from '../redis/sandbox-server.ts';

/**
 * How many unused learner connections a worker keeps open to each sandbox. A check that opens
 * more waits for a handshake per extra connection; one that opens fewer leaves spares for the
 * next.
 */
const SPARE_LEARNER_CONNECTIONS = 2;

/**
 * The worker's connections to one sandbox, kept across checks and runs. The grader's own client
 * is kept while it works. A learner connection serves one check and is then closed, whatever it
 * sent: learner code can leave state on a connection (a database choice, RESP2 after HELLO 2 or
 * RESET, a client name, an open MULTI, WATCHes, subscriber mode) that ioredis does not know of,
 * so nothing short of a new connection is fresh for the next learner. The handshake is kept off
 * the check's path by spares, opened in the background before anyone asks.
 */
export class SandboxConnections {
  private trustedClient: Redis | undefined;
  private readonly spares: Redis[] = [];
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

  /** A connection no code has used yet, logged in as `learner`. */
  learner(): Redis {
    let client = this.spares.shift();
    while (client && (client.status === 'end' || client.status === 'close')) {
      client = this.spares.shift();
    }
    const taken = client ?? connect(this.address, 'learner', this.address.learnerPassword);
    this.topUp();
    return taken;
  }

  /** Ends a learner connection once its check is over: it is never lent again. */
  retire(client: Redis): void {
    client.disconnect();
  }

  /** Opens spares up to the target, so the next check's connections are ready. */
  topUp(): void {
    while (this.spares.length < SPARE_LEARNER_CONNECTIONS) {
      this.spares.push(connect(this.address, 'learner', this.address.learnerPassword));
    }
  }

  close(): void {
    this.trustedClient?.disconnect();
    for (const client of this.spares.splice(0)) client.disconnect();
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
