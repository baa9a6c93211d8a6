import {
  addCustomCommand,
  type CommandDefinition,
  type CustomCommands,
  customCommandCall,
} from './custom-commands.ts';
import { EventEmitter } from './event-emitter.ts';
import type { Host } from './host.ts';
import { createPipelineClass, type PipelineOwner } from './redis-pipeline.ts';
import {
  CONNECTION_CLOSED,
  COPY,
  commandPrototype,
  settle,
  takeCallback,
  withBuffers,
} from './redis-replies.ts';
import { ScanStream, type ScanStreamOptions } from './scan-stream.ts';
import { emitMessage, subscribes } from './subscriber-messages.ts';

export { withBuffers };

/** ioredis's command method names, written into the bundle by runtime-bundle.ts. */
declare const KEYSPACE_COMMAND_METHODS: readonly string[];

type Status = 'wait' | 'connecting' | 'connect' | 'ready' | 'close' | 'end';

const noop = () => {};

// Taken before learner code runs, so that replacing WeakSet's methods cannot hide a close.
const apply = Reflect.apply;
const addTo = WeakSet.prototype.add;
const isIn = WeakSet.prototype.has;
/** Clients the learner's code closed, with quit(), disconnect() or end(). */
const closedByCode = new WeakSet<object>();

/** Whether the learner's code closed `client` (see runtime.ts: a call may not close one it was lent). */
export function closedByLearner(client: object): boolean {
  return apply(isIn, closedByCode, [client]) as boolean;
}

export function createRedisClass(host: Host) {
  const methods = new Set(KEYSPACE_COMMAND_METHODS);
  const Pipeline = createPipelineClass(host, methods);
  // Taken now: learner code that replaces setTimeout later must not change when clients close.
  const later = globalThis.setTimeout;
  let lastId = 0;

  class Redis extends EventEmitter {
    status: Status = 'wait';
    readonly options: Record<string, unknown>;
    /** The sandbox connection this client stands for; a client connected again gets a new one. */
    #id = ++lastId;
    /** disconnect() or quit() was called: commands from now on fail as on a closed client. */
    #closing = false;
    /** Which receive loop is current (see #listen); 0 while none may run. */
    #listening = 0;
    readonly #customCommands: CustomCommands = new Map();

    // Host, port and URL are accepted and ignored: every client in a run reaches that run's
    // sandbox, so the code a learner writes at home works here unchanged.
    constructor(...connection: unknown[]) {
      super();
      this.options = Object.assign(
        {},
        ...connection.filter((arg) => arg && typeof arg === 'object').reverse(),
      );
      const scripts = (this.options.scripts ?? {}) as Record<string, CommandDefinition>;
      for (const [name, definition] of Object.entries(scripts)) {
        this.defineCommand(name, definition);
      }
      if (this.options.lazyConnect) this.#setStatus('wait');
      else this.connect().catch(noop);
    }

    static {
      Object.setPrototypeOf(
        Redis.prototype,
        commandPrototype(
          methods,
          (method) =>
            function (this: Redis, ...args: unknown[]) {
              return this.#command(method, args);
            },
          EventEmitter.prototype,
        ),
      );
    }

    /**
     * ioredis's connection, with a sandbox that is always there: `connecting`, `connect` and
     * `ready` follow one another within the tick, so `ready` comes before any reply, as it does
     * in ioredis, which holds commands back until then.
     */
    connect(callback?: (error: Error | null) => void): Promise<void> {
      const connected = new Promise<void>((resolve, reject) => {
        if (['connecting', 'connect', 'ready'].includes(this.status)) {
          reject(new Error('Redis is already connecting/connected'));
          return;
        }
        if (this.status === 'end') this.#id = ++lastId;
        this.#closing = false;
        this.status = 'connecting';
        const step = (from: Status, to: Status | undefined) => () => {
          this.emit(from);
          if (this.#closing) {
            // Closed while connecting: ioredis emits only `end`, and connect() fails.
            this.#setStatus('end');
            reject(new Error(CONNECTION_CLOSED));
          } else if (to) {
            this.status = to;
            queueMicrotask(step(to, to === 'connect' ? 'ready' : undefined));
          } else {
            resolve();
          }
        };
        queueMicrotask(step('connecting', 'connect'));
      });
      return settle(connected, callback);
    }

    call(...args: unknown[]) {
      return this.#command('call', args);
    }
    callBuffer(...args: unknown[]) {
      return this.#command('callBuffer', args);
    }
    pipeline(commands?: unknown[][]) {
      return new Pipeline(this.#pipelineOwner(), false, commands);
    }
    multi(commands?: unknown[][] | Record<string, unknown>) {
      return new Pipeline(this.#pipelineOwner(), true, Array.isArray(commands) ? commands : []);
    }

    defineCommand(name: string, definition: CommandDefinition): void {
      addCustomCommand(this.#customCommands, name, definition);
      for (const method of [name, `${name}Buffer`]) {
        Object.defineProperty(this, method, {
          value: (...args: unknown[]) => this.#command(method, args),
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
    }

    scanStream(options?: ScanStreamOptions) {
      return this.#scanStream('scan', undefined, options);
    }
    scanBufferStream(options?: ScanStreamOptions) {
      return this.#scanStream('scanBuffer', undefined, options);
    }
    sscanStream(key: unknown, options?: ScanStreamOptions) {
      return this.#scanStream('sscan', key, options);
    }
    sscanBufferStream(key: unknown, options?: ScanStreamOptions) {
      return this.#scanStream('sscanBuffer', key, options);
    }
    hscanStream(key: unknown, options?: ScanStreamOptions) {
      return this.#scanStream('hscan', key, options);
    }
    hscanBufferStream(key: unknown, options?: ScanStreamOptions) {
      return this.#scanStream('hscanBuffer', key, options);
    }
    zscanStream(key: unknown, options?: ScanStreamOptions) {
      return this.#scanStream('zscan', key, options);
    }
    zscanBufferStream(key: unknown, options?: ScanStreamOptions) {
      return this.#scanStream('zscanBuffer', key, options);
    }

    /** As ioredis: QUIT where connected, resolved at once where not; then the client ends. */
    quit(callback?: (error: Error | null, value?: unknown) => void): Promise<unknown> {
      apply(addTo, closedByCode, [this]);
      if (this.status === 'wait' || this.status === 'connecting' || this.status === 'connect') {
        if (this.status === 'wait') this.connect().catch(noop);
        this.#closing = true;
        return settle(Promise.resolve('OK'), callback);
      }
      const reply = this.#command('quit', []);
      this.#closing = true;
      reply.then(() => this.#closeLater(), noop);
      return settle(reply, callback);
    }

    disconnect(): void {
      apply(addTo, closedByCode, [this]);
      if (this.#listening > 0) {
        host.hangUp.applySync(undefined, [this.#id], {});
        this.#listening = 0;
      }
      if (this.status === 'wait') {
        this.#setStatus('close');
        this.#setStatus('end');
      } else if (this.status === 'ready' && !this.#closing) {
        this.#closeLater();
      }
      this.#closing = true;
    }
    end(): void {
      this.disconnect();
    }

    duplicate(override?: Record<string, unknown>) {
      return new Redis({ ...this.options, ...override });
    }

    #command(method: string, args: unknown[]): Promise<unknown> {
      const callback = takeCallback(args);
      if (this.#closing || this.status === 'end' || this.status === 'close') {
        return settle(Promise.reject(new Error(CONNECTION_CLOSED)), callback);
      }
      if (this.status === 'wait') this.connect().catch(noop);
      const custom = customCommandCall(this.#customCommands, method, args);
      const sent = custom ?? { method, args };
      const reply = host.send
        .apply(undefined, [this.#id, sent.method, sent.args], COPY)
        .then(withBuffers);
      if (subscribes(sent.method, sent.args)) reply.then(() => this.#listen(), noop);
      return settle(reply, callback);
    }

    #pipelineOwner(): PipelineOwner {
      return {
        connection: () => {
          if (this.#closing || this.status === 'end' || this.status === 'close') return undefined;
          if (this.status === 'wait') this.connect().catch(noop);
          return this.#id;
        },
        customCommands: new Map(this.#customCommands),
      };
    }

    #scanStream(method: string, key: unknown, options?: ScanStreamOptions): ScanStream {
      return new ScanStream(
        (args) => this.#command(method, args) as Promise<[unknown, unknown]>,
        key,
        options,
      );
    }

    /**
     * Delivers what the client's subscriber connection hears. Each subscription starts a loop of
     * its own, which ends the one before: a loop that a past check's gate left waiting can never
     * tell that it will not be answered.
     */
    async #listen(): Promise<void> {
      const turn = ++this.#listening;
      while (turn === this.#listening) {
        const messages = await host.receive.apply(undefined, [this.#id], COPY);
        if (!messages) return;
        for (const message of messages) emitMessage(this, message);
      }
    }

    /** An open connection closes on a later turn of the event loop, as a socket does. */
    #closeLater(): void {
      later(() => {
        this.#setStatus('close');
        this.#setStatus('end');
      }, 0);
    }

    /** As ioredis's setStatus: the status changes now, its event comes on the next tick. */
    #setStatus(status: Status): void {
      this.status = status;
      queueMicrotask(() => this.emit(status));
    }
  }

  return Redis;
}
