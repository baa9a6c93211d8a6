import {
  DEFAULT_MAX_RETRIES,
  defaultRetryStrategy,
  MaxRetriesPerRequestError,
  NOT_WRITEABLE,
  refusedError,
} from './connection-loss.ts';
import {
  addCustomCommand,
  type CommandDefinition,
  type CustomCommands,
  customCommandCall,
} from './custom-commands.ts';
import { EventEmitter } from './event-emitter.ts';
import { type Host, REDIS_AWAY } from './host.ts';
import { Command } from './redis-command.ts';
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

type Status = 'wait' | 'connecting' | 'connect' | 'ready' | 'close' | 'reconnecting' | 'end';

/** ioredis's options for multi(): only `pipeline` changes what it does. */
interface MultiOptions {
  pipeline?: boolean;
}

/** Work held in the offline queue until the client is ready again, or failed with `failed`. */
interface Offline {
  send(): Promise<unknown>;
  failed(error: Error): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const noop = () => {};
const rejected = (error: Error) => Promise.reject(error);

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

/**
 * The database a client's constructor arguments name, as ioredis reads them: the first argument
 * that names one wins, an options object by its `db`, a URL by its path (`redis://host/2`) or
 * its `db` parameter (`/tmp/redis.sock?db=2`); 0 when none does, or when it is not a number.
 */
function databaseOf(connection: readonly unknown[]): number {
  for (const arg of connection) {
    let db: unknown;
    if (typeof arg === 'string') {
      const url = /^(?:(?:rediss?:)?\/\/[^/?#]*(?:\/([^?#]*))?)?[^?#]*(?:\?([^#]*))?/i.exec(arg);
      db = url?.[1] || /(?:^|&)db=([^&]*)/.exec(url?.[2] ?? '')?.[1];
    } else if (arg && typeof arg === 'object') {
      db = (arg as { db?: unknown }).db;
    }
    if (db === undefined || db === null || db === '') continue;
    const number = typeof db === 'number' ? db : Number.parseInt(String(db), 10);
    return Number.isInteger(number) ? number : 0;
  }
  return 0;
}

export function createRedisClass(host: Host) {
  const methods = new Set(KEYSPACE_COMMAND_METHODS);
  const Pipeline = createPipelineClass(host, methods);
  // Taken now: learner code that replaces these later must not change when clients close,
  // reconnect or report an error nobody listens for.
  const later = globalThis.setTimeout;
  const cancel = globalThis.clearTimeout;
  const printError = console.error;
  const listenerCount = EventEmitter.prototype.listenerCount;
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
    /** The connection is refused or lost (the check took Redis away): commands wait offline. */
    #down = false;
    readonly #offline: Offline[] = [];
    #retryAttempts = 0;
    #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    /** ioredis tests the option for truth: only a falsy value turns the offline queue off. */
    get #offlineQueue(): boolean {
      return Boolean(this.options.enableOfflineQueue ?? true);
    }
    /** As ioredis's manuallyClosing: disconnect() was called; the next close ends the client. */
    #manuallyClosing = false;
    /** As ioredis's condition.select: the database its `db` option names, then its last SELECT. */
    #db: number;

    // Host, port and a URL's address are accepted and ignored: every client in a run reaches that
    // run's sandbox, so the code a learner writes at home works here unchanged. The database they
    // name is kept, as ioredis keeps it (see #db).
    constructor(...connection: unknown[]) {
      super();
      this.options = Object.assign(
        {},
        ...connection.filter((arg) => arg && typeof arg === 'object').reverse(),
      );
      this.#db = databaseOf(connection);
      const scripts = (this.options.scripts ?? {}) as Record<string, CommandDefinition>;
      for (const [name, definition] of Object.entries(scripts)) {
        this.defineCommand(name, definition);
      }
      if (this.options.lazyConnect) this.#setStatus('wait');
      else this.connect().catch(noop);
    }

    static Command = Command;

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
     * ioredis's connection: `connecting`, `connect` and `ready` follow one another within the
     * tick, so `ready` comes before any reply, as it does in ioredis, which holds commands back
     * until then; or, while the check has taken Redis away, a refusal (see #refused).
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
        if (host.connect.applySync(undefined, [this.#id], {})) {
          this.#refused(reject);
          return;
        }
        const step = (from: Status, to: Status | undefined) => () => {
          this.emit(from);
          if (this.#closing) {
            // Closed while connecting: ioredis emits only `end`, and connect() fails.
            this.#setStatus('end');
            reject(new Error(CONNECTION_CLOSED));
          } else if (to) {
            this.status = to;
            if (to === 'ready') this.#ready();
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
    sendCommand(command: Command) {
      return command.settleWith(
        this.#command(command.replyEncoding ? 'call' : 'callBuffer', [
          command.name,
          ...command.args,
        ]),
      );
    }
    pipeline(commands?: unknown[][]) {
      return new Pipeline(this.#pipelineOwner(), false, commands);
    }
    multi(commands?: unknown[][] | MultiOptions, options?: MultiOptions) {
      // As ioredis: with `pipeline: false` the client sends MULTI at once and carries the
      // transaction itself, its next commands answering QUEUED until its own exec().
      if ((Array.isArray(commands) ? options : commands)?.pipeline === false) {
        return this.#command('call', ['MULTI']);
      }
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
      host.clientEvent.applySync(undefined, [this.#id, 'closed'], {});
      if (this.status === 'end')
        return settle(Promise.reject(new Error(CONNECTION_CLOSED)), callback);
      if (this.#down) {
        if (!this.#offlineQueue) {
          return settle(Promise.reject(new Error(NOT_WRITEABLE)), callback);
        }
        if (this.#offline.length > 0) {
          return settle(
            this.#whenUp(() => this.quit(), rejected),
            callback,
          );
        }
        this.disconnect();
        return settle(Promise.resolve('OK'), callback);
      }
      if (this.status === 'wait' || this.status === 'connecting' || this.status === 'connect') {
        if (this.status === 'wait') this.connect().catch(noop);
        // As ioredis, which disconnects: a refusal still to come is not told, and ends it.
        this.#manuallyClosing = true;
        this.#closing = true;
        return settle(Promise.resolve('OK'), callback);
      }
      const reply = this.#command('quit', []);
      this.#closing = true;
      // Answered or lost with the connection, the client closes (ioredis's WILL_DISCONNECT).
      reply.then(
        () => this.#closeLater(),
        () => this.#closeLater(),
      );
      return settle(reply, callback);
    }

    disconnect(): void {
      apply(addTo, closedByCode, [this]);
      host.clientEvent.applySync(undefined, [this.#id, 'closed'], {});
      if (this.#listening > 0) {
        host.hangUp.applySync(undefined, [this.#id], {});
        this.#listening = 0;
      }
      // As ioredis: no more reconnecting. A client already waiting to reconnect stays so, and
      // what its offline queue holds is never answered.
      if (this.#reconnectTimer !== undefined) cancel(this.#reconnectTimer);
      this.#reconnectTimer = undefined;
      this.#manuallyClosing = true;
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
      const db = this.#db;
      this.#selecting([[sent.method, ...sent.args]]);
      const reply = this.#whenUp(() => this.#send(sent.method, sent.args, db), rejected);
      return settle(this.#timed(reply), callback);
    }

    /**
     * As ioredis, which takes a SELECT's database as the client's the moment it sends it (a
     * typed select(), or a pipeline's), whatever Redis answers: its later commands go there.
     */
    #selecting(commands: readonly unknown[][]): void {
      for (const [method, ...args] of commands) {
        // ioredis compares the command's name as given: call('SELECT', …) is not seen.
        const [name, db] = method === 'call' || method === 'callBuffer' ? args : [method, ...args];
        if (name !== 'select' && name !== 'selectBuffer') continue;
        if ((typeof db === 'number' || typeof db === 'string') && /^-?\d+$/.test(String(db))) {
          const selected = Number.parseInt(String(db), 10);
          if (selected !== this.#db) {
            this.#db = selected;
            this.emit('select', selected);
          }
        }
      }
    }

    /**
     * As ioredis's commandTimeout: a command not answered within it fails, waiting offline or
     * sent, and its reply, if one comes later, is dropped. (A pipeline's commands have no timer
     * here.)
     */
    #timed(reply: Promise<unknown>): Promise<unknown> {
      const ms = this.options.commandTimeout;
      if (typeof ms !== 'number') return reply;
      return new Promise((resolve, reject) => {
        const timer = later(() => reject(new Error('Command timed out')), ms);
        reply.then(
          (value) => {
            cancel(timer);
            resolve(value);
          },
          (error: unknown) => {
            cancel(timer);
            reject(error);
          },
        );
      });
    }

    #send(method: string, args: unknown[], db: number): Promise<unknown> {
      const reply = this.#unlessAway(
        () =>
          host.send
            .apply(undefined, [this.#id, method, args, undefined, db], COPY)
            .then(withBuffers),
        () => this.#send(method, args, db),
      );
      if (subscribes(method, args)) reply.then(() => this.#listen(), noop);
      return reply;
    }

    #pipelineOwner(): PipelineOwner {
      return {
        deliver: (commands, exec, failed) => {
          if (this.#closing || this.status === 'end' || this.status === 'close') {
            return failed(new Error(CONNECTION_CLOSED));
          }
          if (this.status === 'wait') this.connect().catch(noop);
          const db = this.#db;
          this.#selecting(commands);
          const send = (): Promise<unknown> => this.#unlessAway(() => exec(this.#id, db), send);
          return this.#whenUp(send, failed) as ReturnType<typeof failed>;
        },
        customCommands: new Map(this.#customCommands),
      };
    }

    /** Sends now, or, while the connection is down, holds `send` in the offline queue. */
    #whenUp(send: () => Promise<unknown>, failed: (error: Error) => Promise<unknown>) {
      // Without the offline queue, ioredis refuses whatever comes before `ready`.
      if (!this.#offlineQueue && (this.#down || this.status !== 'ready')) {
        return failed(new Error(NOT_WRITEABLE));
      }
      if (!this.#down) return send();
      return new Promise((resolve, reject) => {
        this.#offline.push({ send, failed, resolve, reject });
      });
    }

    /**
     * A reply, unless the check took Redis away since this client connected: then the
     * connection is lost, and the command waits offline to be sent again (ioredis's
     * autoResendUnfulfilledCommands).
     */
    #unlessAway(send: () => Promise<unknown>, again: () => Promise<unknown>): Promise<unknown> {
      return send().catch((error: Error) => {
        if (error?.message !== REDIS_AWAY) throw error;
        // A client its code is closing has no connection to come back to.
        if (this.#closing || this.status === 'end') throw new Error(CONNECTION_CLOSED);
        const lost = !this.#down;
        this.#down = true;
        // Queued before the close handler runs, which may flush the queue or end the client.
        const again$ = this.#whenUp(again, rejected);
        if (lost) this.#closed();
        return again$;
      });
    }

    /** A connection attempt refused: ioredis's error event, then its close handler. */
    #refused(reject: (error: Error) => void): void {
      this.#down = true;
      this.once('close', () => reject(new Error(CONNECTION_CLOSED)));
      // ioredis emits `connecting` on the next tick, once the code that connected has had its
      // turn (a command refused offline settles first), and the socket's error comes later.
      later(() => {
        this.emit('connecting');
        later(() => {
          // As ioredis's silentEmit: errors of a client its code is closing are not told.
          if (!this.#manuallyClosing && this.status !== 'end') {
            this.#emitError(refusedError(this.options));
          }
          this.#closed();
        }, 0);
      }, 0);
    }

    #emitError(error: Error): void {
      if ((apply(listenerCount, this, ['error']) as number) > 0) {
        this.emit('error', error);
        return;
      }
      host.clientEvent.applySync(undefined, [this.#id, 'unhandled-error'], {});
      printError('[ioredis] Unhandled error event:', error.stack);
    }

    /** ioredis's close handler: reconnect as retryStrategy says, or end. */
    #closed(): void {
      this.#setStatus('close');
      if (this.#manuallyClosing) {
        this.#manuallyClosing = false;
        this.#end();
        return;
      }
      // As ioredis's defaults: only a missing option takes the default; null means no retries.
      const strategy =
        this.options.retryStrategy === undefined
          ? defaultRetryStrategy
          : this.options.retryStrategy;
      if (typeof strategy !== 'function') {
        this.#end();
        return;
      }
      const delay: unknown = strategy(++this.#retryAttempts);
      if (typeof delay !== 'number') {
        this.#end();
        return;
      }
      this.#setStatus('reconnecting', delay);
      this.#reconnectTimer = later(() => {
        this.#reconnectTimer = undefined;
        this.connect().catch(noop);
      }, delay);
      const given = this.options.maxRetriesPerRequest;
      const max = given === undefined ? DEFAULT_MAX_RETRIES : given;
      if (typeof max === 'number' && max >= 0 && this.#retryAttempts % (max + 1) === 0) {
        this.#flush(new MaxRetriesPerRequestError(max));
      }
    }

    #end(): void {
      this.#setStatus('end');
      this.#flush(new Error(CONNECTION_CLOSED));
    }

    #flush(error: Error): void {
      for (const work of this.#offline.splice(0))
        work.failed(error).then(work.resolve, work.reject);
    }

    /** Connected: what waited offline goes out, in order. */
    #ready(): void {
      this.#retryAttempts = 0;
      this.#down = false;
      for (const work of this.#offline.splice(0)) work.send().then(work.resolve, work.reject);
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
    #setStatus(status: Status, arg?: unknown): void {
      this.status = status;
      // As ioredis's close handler: once ended, a later connect() starts with a clean slate.
      if (status === 'end') this.#manuallyClosing = false;
      queueMicrotask(() => this.emit(status, arg));
    }
  }

  return Redis;
}
