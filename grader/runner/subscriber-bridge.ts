import type Redis from 'ioredis';
import type { RedisBridge } from './redis-bridge.ts';
import type { SandboxConnections } from './sandbox-connections.ts';

/** A message as ioredis's `messageBuffer`, `pmessageBuffer` and `smessageBuffer` give it. */
export type SubscriberMessage =
  | [event: 'message' | 'smessage', channel: Buffer, message: Buffer]
  | [event: 'pmessage', pattern: string, channel: Buffer, message: Buffer];

interface Subscriber {
  client: Redis;
  heard: SubscriberMessage[];
  /** The bytes of `heard`, which the isolate has not taken yet. */
  heardBytes: number;
  /** The isolate's receive() waiting for the next message, if one waits. */
  waiting?: (messages: SubscriberMessage[] | null) => void;
  closed: boolean;
}

/**
 * How many bytes of messages a subscriber may leave untaken before its connection is closed, as
 * Redis closes a subscriber that does not read (client-output-buffer-limit pubsub 32mb).
 */
const UNTAKEN_BYTES = 32 * 1024 * 1024;

/** How long closing waits for a subscriber connection to end: a round trip, normally. */
const END_WAIT_MS = 1_000;

const SUBSCRIBING = new Set(['subscribe', 'psubscribe', 'ssubscribe']);
/** Commands for a client's subscriber connection once it has one. */
const ON_SUBSCRIBER = new Set(['unsubscribe', 'punsubscribe', 'sunsubscribe', 'quit']);

/**
 * The subscriber connections of one check's learner clients. A client that subscribes gets a
 * real connection of its own for its subscriptions, where ioredis hears the messages; the
 * isolate takes them with `receive`. The bridge sends, counts and logs the commands; the
 * connections are closed when the check ends (or the client quits or disconnects), never lent
 * again, so that no subscription outlives its check.
 */
export class SubscriberBridge {
  private readonly subscribers = new Map<number, Subscriber>();

  constructor(
    private readonly connections: SandboxConnections,
    private readonly bridge: RedisBridge,
  ) {}

  /** Sends a client's command, on its subscriber connection if it belongs there. */
  readonly send = (
    clientId: number,
    method: string,
    args: unknown[],
    site?: number,
    db?: number,
  ): Promise<unknown> => {
    const name = commandName(method, args);
    const subscriber = this.subscribers.get(clientId);
    if (SUBSCRIBING.has(name) || (subscriber?.closed === false && ON_SUBSCRIBER.has(name))) {
      const connection = () => this.subscriber(clientId).client;
      return this.bridge.sendOn(connection, clientId, method, args, site);
    }
    return this.bridge.send(clientId, method, args, site, db);
  };

  /**
   * Answers with what the client's subscriber connection heard since the last call, as soon as
   * it heard something; with null once that connection is closed, or when there is none. A
   * call answers the one before it with null: only the isolate's latest loop listens.
   */
  readonly receive = (clientId: number): Promise<SubscriberMessage[] | null> => {
    const subscriber = this.subscribers.get(clientId);
    if (!subscriber) return Promise.resolve(null);
    subscriber.waiting?.(null);
    subscriber.waiting = undefined;
    // What was heard before the connection closed is still delivered, as ioredis emits it.
    if (subscriber.heard.length > 0) return Promise.resolve(this.take(subscriber));
    if (subscriber.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      subscriber.waiting = resolve;
    });
  };

  /** Closes the client's subscriber connection, if it has one. */
  readonly hangUp = (clientId: number): void => {
    const subscriber = this.subscribers.get(clientId);
    if (subscriber) this.retire(subscriber);
  };

  /**
   * Closes every subscriber connection of this check, and resolves once Redis has dropped them:
   * Redis unsubscribes a client before it closes its socket, so after the `end` of each, no
   * PUBLISH of the next check counts a subscriber of this one.
   */
  async close(): Promise<void> {
    const subscribers = [...this.subscribers.values()];
    this.subscribers.clear();
    await Promise.all(
      subscribers.map((subscriber) => {
        const ended = whenEnded(subscriber.client);
        this.retire(subscriber);
        return ended;
      }),
    );
  }

  private subscriber(clientId: number): Subscriber {
    let subscriber = this.subscribers.get(clientId);
    // A client that quit and connected again subscribes on a new connection.
    if (!subscriber || subscriber.closed) {
      const made: Subscriber = {
        client: this.connections.learner(),
        heard: [],
        heardBytes: 0,
        closed: false,
      };
      const hear = (message: SubscriberMessage) => {
        if (made.closed) return;
        const bytes = message.reduce((sum: number, part) => sum + part.length, 0);
        if (!this.bridge.heard(bytes)) {
          // Past the run's byte limit, counted over every subscriber: the subscription ends.
          this.take(made);
          this.retire(made);
          return;
        }
        made.heard.push(message);
        made.heardBytes += bytes;
        if (made.heardBytes > UNTAKEN_BYTES) {
          this.take(made);
          this.retire(made);
        } else if (made.waiting) {
          const waiting = made.waiting;
          made.waiting = undefined;
          waiting(this.take(made));
        }
      };
      made.client.on('messageBuffer', (channel: Buffer, message: Buffer) =>
        hear(['message', channel, message]),
      );
      made.client.on('pmessageBuffer', (pattern: string, channel: Buffer, message: Buffer) =>
        hear(['pmessage', String(pattern), channel, message]),
      );
      made.client.on('smessageBuffer', (channel: Buffer, message: Buffer) =>
        hear(['smessage', channel, message]),
      );
      // QUIT closes the connection: the isolate's loop ends.
      made.client.on('end', () => this.markClosed(made));
      subscriber = made;
      this.subscribers.set(clientId, subscriber);
    }
    return subscriber;
  }

  private take(subscriber: Subscriber): SubscriberMessage[] {
    subscriber.heardBytes = 0;
    return subscriber.heard.splice(0);
  }

  private retire(subscriber: Subscriber): void {
    this.markClosed(subscriber);
    this.connections.retire(subscriber.client);
  }

  private markClosed(subscriber: Subscriber): void {
    subscriber.closed = true;
    // Nothing is heard while someone waits: only a loop that waits needs its answer now.
    subscriber.waiting?.(null);
    subscriber.waiting = undefined;
  }
}

/** Resolves when the connection has ended, or after a while if it somehow never does. */
function whenEnded(client: Redis): Promise<void> {
  if (client.status === 'end') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, END_WAIT_MS);
    client.once('end', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The Redis command a method sends, lower-case: `subscribeBuffer` and `call('SUBSCRIBE')` alike. */
function commandName(method: string, args: readonly unknown[]): string {
  if (method === 'call' || method === 'callBuffer') return String(args[0]).toLowerCase();
  return method.endsWith('Buffer') ? method.slice(0, -'Buffer'.length) : method;
}
