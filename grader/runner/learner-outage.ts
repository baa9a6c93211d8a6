import type { LearnerClient } from '../checks/api.ts';
import { type ClientEvent, REDIS_AWAY } from './isolate-runtime/host.ts';

/**
 * Redis as the learner's clients see it during one check: there, or away as a stopped server
 * is. A check takes it away (`redisAway`) to grade how code copes; the grader's own client
 * keeps it. While away, each connection attempt is refused, and a connected client loses its
 * connection at its next command (isolate-runtime/redis-client.ts reconnects as ioredis does).
 * It also keeps what each client did, for `clients()`.
 */
export class LearnerOutage {
  #awayUntil = 0;
  readonly #clients = new Map<number, LearnerClient>();

  /** Away from now, for `forMs` or until `back()`. */
  away(forMs = Number.POSITIVE_INFINITY): void {
    this.#awayUntil = Date.now() + forMs;
  }

  back(): void {
    this.#awayUntil = 0;
  }

  get isAway(): boolean {
    return Date.now() < this.#awayUntil;
  }

  /** A client's attempt to connect: whether it is refused. */
  readonly connect = (clientId: number): boolean => {
    const client = this.#client(clientId);
    client.attempts.push(Date.now());
    if (this.isAway) client.refused++;
    return this.isAway;
  };

  readonly clientEvent = (clientId: number, event: ClientEvent): void => {
    const client = this.#client(clientId);
    if (event === 'closed') client.closed = true;
    else client.unhandledErrors++;
  };

  /** `send` or `exec`, refused while away (see REDIS_AWAY). */
  guard<Args extends unknown[], Result>(
    fn: (...args: Args) => Promise<Result>,
  ): (...args: Args) => Promise<Result> {
    return (...args) => (this.isAway ? Promise.reject(new Error(REDIS_AWAY)) : fn(...args));
  }

  /** Every client that connected, tried to, or was closed since the check began, in order. */
  clients(): LearnerClient[] {
    return [...this.#clients.values()].map((client) => ({
      ...client,
      attempts: [...client.attempts],
    }));
  }

  #client(clientId: number): LearnerClient {
    let client = this.#clients.get(clientId);
    if (!client) {
      client = { attempts: [], refused: 0, unhandledErrors: 0, closed: false };
      this.#clients.set(clientId, client);
    }
    return client;
  }
}
