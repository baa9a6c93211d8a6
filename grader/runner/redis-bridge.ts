import Redis, { Command } from 'ioredis';
import type { LoggedCommand } from '../checks/api.ts';
import { withNodeBuffers } from '../shared/with-buffers.ts';
import type { SandboxConnections } from './sandbox-connections.ts';

/** ioredis's own command table: every method a learner's client has. */
export const COMMAND_METHODS: readonly string[] = (() => {
  const probe = new Redis({ lazyConnect: true });
  const names = probe.getBuiltinCommands();
  probe.disconnect();
  return names.flatMap((name) => [name, `${name}Buffer`]);
})();

const METHODS = new Set([...COMMAND_METHODS, 'call', 'callBuffer']);
const LOGGED_ARG_LENGTH = 200;
const LOGGED_ARGS = 50;

/** How many commands one run may send, shared by the bridges of all its checks. */
export class CommandBudget {
  used = 0;
  constructor(readonly max: number) {}

  spend(count: number): void {
    this.used += count;
    if (this.used > this.max) {
      throw new Error(
        `limit hit: your code sent more than ${this.max} Redis commands in one run (command limit)`,
      );
    }
  }
}

export interface PipelineReply {
  error?: string;
  value?: unknown;
}

/**
 * The worker's end of the learner's Redis clients during one check. Each `new Redis()` in the
 * isolate gets a real connection of its own here (from the sandbox's SandboxConnections),
 * logged in as the ACL user `learner`, so refused commands fail in Redis itself.
 */
export class RedisBridge {
  private readonly clients = new Map<
    number,
    { client: Redis; pending: number; sent: Set<string> }
  >();
  private readonly log: LoggedCommand[] = [];
  private batches = 0;

  constructor(
    private readonly connections: SandboxConnections,
    private readonly budget: CommandBudget,
  ) {}

  readonly send = async (clientId: number, method: string, args: unknown[]): Promise<unknown> => {
    this.budget.spend(1);
    const { name, command, entry } = this.accept(method, withNodeBuffers(args) as unknown[]);
    this.log.push(entry);
    const connection = this.connection(clientId);
    connection.sent.add(name);
    const { client } = connection;
    const fn = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
    return this.track(connection, fn?.apply(client, command));
  };

  /** A pipeline or MULTI transaction, as ioredis runs it; errors become data, per command. */
  readonly exec = async (
    clientId: number,
    commands: unknown[][],
    atomic: boolean,
  ): Promise<PipelineReply[] | null> => {
    // Counted before anything else: a pipeline past the limit is refused whole, cheaply.
    this.budget.spend(commands.length);
    const connection = this.connection(clientId);
    // Logged as Redis receives it (a transaction between MULTI and EXEC, a pipeline as is), and
    // only once every command is accepted: a refused batch is never sent, so never logged.
    const batch = ++this.batches;
    const entries: LoggedCommand[] = [];
    const accepted = commands.map(([method, ...args]) => {
      const { name, command, entry } = this.accept(
        String(method),
        withNodeBuffers(args) as unknown[],
      );
      entries.push({ ...entry, batch });
      connection.sent.add(name);
      return [String(method), ...command];
    });
    if (atomic) entries.unshift({ name: 'multi', args: [], batch });
    if (atomic) entries.push({ name: 'exec', args: [], batch });
    this.log.push(...entries);
    const { client } = connection;
    const results = await this.track(
      connection,
      (atomic ? client.multi(accepted) : client.pipeline(accepted)).exec(),
    );
    return results?.map(([error, value]) => (error ? { error: error.message } : { value })) ?? null;
  };

  /** The commands sent through this bridge, i.e. during one check. */
  get commands(): readonly LoggedCommand[] {
    return this.log;
  }

  /** Hands every connection of this check back, to be reset and reused where it can be. */
  async close(): Promise<void> {
    const connections = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(
      connections.map(({ client, pending, sent }) =>
        this.connections.giveBack(client, { pending, sent }),
      ),
    );
  }

  private async track<T>(
    connection: { pending: number },
    reply: Promise<T> | undefined,
  ): Promise<T> {
    connection.pending += 1;
    try {
      return (await reply) as T;
    } finally {
      connection.pending -= 1;
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
    const shown = sent.slice(0, LOGGED_ARGS).map(logged);
    if (sent.length > LOGGED_ARGS) shown.push(`…${sent.length - LOGGED_ARGS} more`);
    return { name, command: args, entry: { name, args: shown } };
  }

  private connection(id: number) {
    let connection = this.clients.get(id);
    if (!connection) {
      connection = { client: this.connections.learner(), pending: 0, sent: new Set() };
      this.clients.set(id, connection);
    }
    return connection;
  }
}

function commandOf(method: string): string {
  return method.endsWith('Buffer') ? method.slice(0, -'Buffer'.length) : method;
}

function logged(arg: unknown): string {
  const text = Buffer.isBuffer(arg) ? `<${arg.length} bytes>` : String(arg);
  return text.length > LOGGED_ARG_LENGTH ? `${text.slice(0, LOGGED_ARG_LENGTH)}…` : text;
}
