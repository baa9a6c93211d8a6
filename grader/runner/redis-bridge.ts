import Redis, { Command } from 'ioredis';
import type { LoggedCommand } from '../checks/api.ts';
import { hideServerDetails } from '../redis/server-details.ts';
import type { Location } from '../result/grade-result.ts';
import { withNodeBuffers } from '../shared/with-buffers.ts';
import { byteLimitMessage } from './isolate-runtime/byte-gate.ts';
import { loggedArgs } from './logged-args.ts';
import { blocks } from './race/step-effects.ts';
import type { ConnectionUsage, SandboxConnections } from './sandbox-connections.ts';

/** ioredis's own command table: every method a learner's client has. */
export const COMMAND_METHODS: readonly string[] = (() => {
  const probe = new Redis({ lazyConnect: true });
  const names = probe.getBuiltinCommands();
  probe.disconnect();
  return names.flatMap((name) => [name, `${name}Buffer`]);
})();

const METHODS = new Set([...COMMAND_METHODS, 'call', 'callBuffer']);

/** How many commands one run may send, shared by the bridges of all its checks. */
export class CommandBudget {
  used = 0;
  bytesUsed = 0;
  /** The isolate met the byte limit itself, refusing bytes this count never saw. */
  private bytesRefused = false;
  constructor(
    readonly max: number,
    /** Bytes sent to Redis and received back: arguments and replies as they go over the wire. */
    readonly maxBytes: number,
  ) {}

  get exhausted(): boolean {
    return this.used > this.max || this.bytesUsed > this.maxBytes || this.bytesRefused;
  }

  /** The isolate's own count met the byte limit (isolate-runtime/byte-gate.ts). */
  refuseBytes(): void {
    this.bytesRefused = true;
  }

  spendBytes(bytes: number): void {
    this.bytesUsed += bytes;
    if (this.bytesUsed > this.maxBytes) throw new Error(byteLimitMessage(this.maxBytes));
  }

  spend(count: number): void {
    this.used += count;
    if (this.used > this.max) throw new Error(this.limitHit);
  }

  /** Which limit was hit, in the words the learner reads. */
  get limitHit(): string {
    return this.used > this.max
      ? `limit hit: your code sent more than ${this.max} Redis commands in one run (command limit)`
      : byteLimitMessage(this.maxBytes);
  }
}

/** A command sent after the learner call that began it had already returned. */
export interface LateCommand {
  /** The Redis command, lower-case, or `pipeline` / `multi/exec` for a batch. */
  command: string;
  /** The export whose call had settled before the command was sent. */
  after: string;
}

/**
 * What a value weighs on the wire: a string's UTF-8 bytes, bytes as they are (each time they
 * are sent), containers by their contents, to a depth no command or reply reaches: a value made
 * of shared parts (a = [a, a], forty times over) must not be walked as 2^40 leaves.
 */
function wireBytes(value: unknown, depth = 0): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (value === null || value === undefined) return 0;
  if (typeof value !== 'object') return String(value).length;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Error) return Buffer.byteLength(value.message);
  if (depth > 10) return 0;
  const entries = Array.isArray(value)
    ? value.map((item) => ['', item] as const)
    : Object.entries(value);
  let total = 0;
  for (const [key, item] of entries) total += Buffer.byteLength(key) + wireBytes(item, depth + 1);
  return total;
}

/** INFO's reply, a string or bytes, without the sandbox machine's details. */
function withoutServerDetails(reply: unknown): unknown {
  if (typeof reply === 'string') return hideServerDetails(reply);
  if (Buffer.isBuffer(reply)) return Buffer.from(hideServerDetails(reply.toString('utf8')));
  return reply;
}

/**
 * HELLO's reply without the connection's id: ids count up with every connection Redis accepts, so
 * two of them would tell learner code how many were opened in between (a check's MONITOR, a
 * race's connections).
 */
function withoutConnectionId(reply: unknown): unknown {
  if (Array.isArray(reply)) {
    const at = reply.findIndex((item, index) => index % 2 === 0 && String(item) === 'id');
    return at < 0 ? reply : [...reply.slice(0, at), ...reply.slice(at + 2)];
  }
  if (reply instanceof Map) {
    const copy = new Map(reply);
    copy.delete('id');
    return copy;
  }
  if (reply !== null && typeof reply === 'object' && !Buffer.isBuffer(reply)) {
    const { id: _, ...rest } = reply as Record<string, unknown>;
    return rest;
  }
  return reply;
}

/** A reply as learner code may see it (see withoutServerDetails and withoutConnectionId). */
function shown(name: string | undefined, reply: unknown): unknown {
  if (name === 'info') return withoutServerDetails(reply);
  if (name === 'hello') return withoutConnectionId(reply);
  return reply;
}

export interface PipelineReply {
  error?: string;
  value?: unknown;
}

export interface BridgeOptions {
  /**
   * Sends each command (a pipeline or transaction as one) through this function rather than at
   * once: a race's scheduler (race/race-scheduler.ts) holds it until its turn. `send` sends it.
   */
  schedule?<T>(commands: readonly LoggedCommand[], send: () => Promise<T>): Promise<T>;
}

/**
 * The worker's end of the learner's Redis clients during one check. Each `new Redis()` in the
 * isolate gets a real connection of its own here (from the sandbox's SandboxConnections),
 * logged in as the ACL user `learner`, so refused commands fail in Redis itself.
 */
export class RedisBridge {
  private readonly clients = new Map<number, Redis>();
  /** What each connection was used for: whether it may be lent again (see SandboxConnections). */
  private readonly usage = new Map<Redis, ConnectionUsage>();
  /** The database each connection is in, as far as its commands tell: a lent one is in 0. */
  private readonly databases = new Map<Redis, number>();
  private readonly log: LoggedCommand[] = [];
  private readonly sites = new Map<LoggedCommand, number>();
  private readonly placed = new Map<number, Location>();
  private batches = 0;
  /** Learner calls under way, and the last one that settled (see `lateCommands`). */
  private callsUnderWay = 0;
  private lastSettled: string | undefined;
  private readonly late: LateCommand[] = [];

  constructor(
    private readonly connections: SandboxConnections,
    private readonly budget: CommandBudget,
    private readonly options: BridgeOptions = {},
  ) {}

  readonly send = (
    clientId: number,
    method: string,
    args: unknown[],
    site?: number,
    db?: number,
  ): Promise<unknown> =>
    this.sendOn(() => this.connection(clientId), clientId, method, args, site, db);

  /** Sends one command as `send` does, on the connection `connection` gives (a subscriber's). */
  readonly sendOn = async (
    connection: () => Redis,
    clientId: number,
    method: string,
    args: unknown[],
    site?: number,
    db?: number,
  ): Promise<unknown> => {
    this.budget.spend(1);
    const { name, command, entry } = this.accept(method, withNodeBuffers(args) as unknown[]);
    entry.client = clientId;
    const client = connection();
    const select = this.selectFor(client, clientId, db, [entry]);
    this.logged([...select.entries, entry], site);
    this.noteIfLate(name);
    this.budget.spendBytes(wireBytes(command));
    const usage = this.usageOf(client);
    usage.sent.add(name);
    const fn = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
    const reply = this.sendNow([...select.entries, entry], () =>
      tracked(usage, async () => {
        select.send();
        return fn?.apply(client, command);
      }),
    ).then(this.received);
    return reply.then((value) => shown(name, value));
  };

  /** A pipeline or MULTI transaction, as ioredis runs it; errors become data, per command. */
  readonly exec = async (
    clientId: number,
    commands: unknown[][],
    atomic: boolean,
    site?: number,
    db?: number,
  ): Promise<PipelineReply[] | null> => {
    // Counted before anything else: a pipeline past the limit is refused whole, cheaply.
    this.budget.spend(commands.length);
    const client = this.connection(clientId);
    const usage = this.usageOf(client);
    if (atomic) usage.sent.add('multi');
    // Logged as Redis receives it (a transaction between MULTI and EXEC, a pipeline as is), and
    // only once every command is accepted: a refused batch is never sent, so never logged.
    const batch = ++this.batches;
    const entries: LoggedCommand[] = [];
    const accepted = commands.map(([method, ...args]) => {
      const { name, command, entry } = this.accept(
        String(method),
        withNodeBuffers(args) as unknown[],
      );
      usage.sent.add(name);
      entries.push({ ...entry, batch, client: clientId });
      return [String(method), ...command];
    });
    this.budget.spendBytes(wireBytes(accepted));
    const select = this.selectFor(client, clientId, db, entries);
    if (atomic) entries.unshift({ name: 'multi', args: [], batch, client: clientId });
    if (atomic) entries.push({ name: 'exec', args: [], batch, client: clientId });
    this.logged([...select.entries, ...entries], site);
    this.noteIfLate(atomic ? 'multi/exec' : 'pipeline');
    // A pipeline that blocks stays one step: its next command would wait behind it in Redis.
    if (!atomic && this.options.schedule && !blocks(entries)) {
      return this.pipelineInSteps(client, usage, accepted, entries, select);
    }
    const results = await this.sendNow([...select.entries, ...entries], () =>
      tracked(usage, () => {
        select.send();
        return (atomic ? client.multi(accepted) : client.pipeline(accepted)).exec();
      }),
    ).then(this.received);
    const queued = atomic ? entries.slice(1, -1) : entries;
    return (
      results?.map(([error, value], index) =>
        error ? { error: error.message } : { value: shown(queued[index]?.name, value) },
      ) ?? null
    );
  };

  /**
   * A pipeline in a race: one step per command, since Redis may run another client's commands
   * between a pipeline's (it is not a transaction), and a race must be able to show it. The
   * commands still go out in order on one connection, each held until its turn.
   */
  private pipelineInSteps(
    client: Redis,
    usage: ConnectionUsage,
    commands: readonly unknown[][],
    entries: readonly LoggedCommand[],
    select: Select,
  ): Promise<PipelineReply[]> {
    return Promise.all(
      commands.map(([method, ...args], index) => {
        // Held and shown as a command of its own: its reply is its own, not a pipeline's list.
        const { batch: _, ...entry } = entries[index] ?? { name: String(method), args: [] };
        const fn = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[
          String(method)
        ];
        const sent = () =>
          tracked(usage, async () => {
            if (index === 0) select.send();
            return fn?.apply(client, args);
          }).then(this.received);
        return this.sendNow(index === 0 ? [...select.entries, entry] : [entry], sent).then(
          (value): PipelineReply => ({
            value: shown(entry.name, value),
          }),
          (error: Error): PipelineReply => ({ error: error.message }),
        );
      }),
    );
  }

  /**
   * Counts what a subscriber connection heard against the byte limit: false once past it, when
   * the connection must keep no more (messages come unasked, so there is nobody to throw at).
   */
  heard(bytes: number): boolean {
    this.budget.bytesUsed += bytes;
    return !this.budget.exhausted;
  }

  /** Counts a reply's bytes; past the byte limit, the learner's code gets the limit's error instead. */
  private readonly received = <T>(reply: T): T => {
    this.budget.spendBytes(wireBytes(reply));
    return reply;
  };

  private sendNow<T>(commands: readonly LoggedCommand[], send: () => Promise<T>): Promise<T> {
    return this.options.schedule ? this.options.schedule(commands, send) : send();
  }

  /** The commands sent through this bridge, i.e. during one check. */
  get commands(): readonly LoggedCommand[] {
    return this.log;
  }

  /**
   * Where in learner code a logged command was sent: the site the isolate numbered it with, once
   * a call's outcome placed that site (`place`). Kept beside the log, which checks read.
   */
  sentFrom(command: LoggedCommand): Location | undefined {
    const site = this.sites.get(command);
    return site === undefined ? undefined : this.placed.get(site);
  }

  /** Places sites in the learner's file, as a call's outcome gives them. */
  place(sentFrom: ReadonlyMap<number, Location>): void {
    for (const [site, location] of sentFrom) this.placed.set(site, location);
  }

  /** Commands logged with a site: how many more `place` might place, so how many to ask for. */
  get sitesKnown(): number {
    return this.placed.size;
  }

  /** A learner call begins: commands from now on belong to a call under way. */
  callStarted(): void {
    this.callsUnderWay += 1;
  }

  /** A learner call settled: a command sent before another call begins was sent too late. */
  callSettled(name: string): void {
    this.callsUnderWay -= 1;
    this.lastSettled = name;
  }

  /** The export the check called last, once that call settled. */
  get lastCall(): string | undefined {
    return this.lastSettled;
  }

  /**
   * Commands sent while no learner call was under way, after one had settled: work the call
   * left running when it returned (a missing `await`).
   */
  get lateCommands(): readonly LateCommand[] {
    return this.late;
  }

  /** Hands every connection of this check back: lent again only if it is as fresh as a new one. */
  close(): void {
    for (const client of this.clients.values()) {
      this.connections.giveBack(client, this.usageOf(client));
    }
    this.clients.clear();
    this.usage.clear();
    this.databases.clear();
  }

  /**
   * What to send on `client` just before `commands` of client `clientId` in database `db`, in
   * the same turn (a race's step): a SELECT when the connection is in another. ioredis selects a
   * client's database as it connects and keeps it; here a client gets a lent connection in each
   * check, so the database is selected on it, not on the client. The SELECT is the client's
   * command, logged as one (ioredis sends it too), not counted against the limit. The SELECTs
   * among `commands` move the connection, as ioredis counts them: when sent, whatever Redis
   * answers.
   */
  private selectFor(
    client: Redis,
    clientId: number,
    db: number | undefined,
    commands: readonly LoggedCommand[],
  ): Select {
    const before = this.databases.get(client) ?? 0;
    let after = db ?? before;
    for (const { name, args } of commands) {
      if (name === 'select' && /^-?\d+$/.test(args[0] ?? '')) after = Number(args[0]);
    }
    this.databases.set(client, after);
    if (db === undefined || db === before) return { entries: [], send: () => {} };
    this.usageOf(client).sent.add('select');
    return {
      entries: [{ name: 'select', args: [String(db)], client: clientId }],
      send: () => {
        client.select(db).catch(() => {});
      },
    };
  }

  private usageOf(client: Redis): ConnectionUsage {
    let usage = this.usage.get(client);
    if (!usage) {
      usage = { pending: 0, sent: new Set() };
      this.usage.set(client, usage);
    }
    return usage;
  }

  private logged(entries: readonly LoggedCommand[], site: number | undefined): void {
    this.log.push(...entries);
    if (site === undefined) return;
    for (const entry of entries) this.sites.set(entry, site);
  }

  private noteIfLate(command: string): void {
    // QUIT's reply says nothing the program needs (the isolate's reply tracker lets it go too);
    // one sent just before the call returned may reach this side after the call's result.
    if (command === 'quit') return;
    if (this.callsUnderWay === 0 && this.lastSettled !== undefined) {
      this.late.push({ command, after: this.lastSettled });
    }
  }

  /** Checks and logs a command; `name` is the Redis command, lower-case. */
  private accept(
    method: string,
    args: unknown[],
  ): { name: string; command: unknown[]; entry: LoggedCommand } {
    if (!METHODS.has(method)) throw new Error(`ioredis has no method '${method}'`);
    const isCall = method === 'call' || method === 'callBuffer';
    const name = isCall ? String(args[0]).toLowerCase() : commandOf(method).toLowerCase();
    // ioredis's own Command gives the arguments as Redis receives them (objects spread for HSET,
    // MSET and the like, anything else as its string).
    const sent = new Command(name, (isCall ? args.slice(1) : args) as never[]).args;
    return { name, command: args, entry: { name, args: loggedArgs(sent) } };
  }

  private connection(id: number): Redis {
    let client = this.clients.get(id);
    if (!client) {
      client = this.connections.learner();
      this.clients.set(id, client);
    }
    return client;
  }
}

/** A SELECT the bridge sends before a client's commands (see `selectFor`), or none. */
interface Select {
  entries: LoggedCommand[];
  send(): void;
}

async function tracked<T>(usage: ConnectionUsage, send: () => Promise<T>): Promise<T> {
  usage.pending += 1;
  try {
    return await send();
  } finally {
    usage.pending -= 1;
  }
}

function commandOf(method: string): string {
  return method.endsWith('Buffer') ? method.slice(0, -'Buffer'.length) : method;
}
