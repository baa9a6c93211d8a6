import Redis from 'ioredis';
import type { LoggedCommand } from '../checks/api.ts';
import type { SandboxAddress } from '../redis/sandbox-server.ts';
import { withNodeBuffers } from '../shared/with-buffers.ts';

/** ioredis's own command table: every method a learner's client has. */
export const COMMAND_METHODS: readonly string[] = (() => {
  const probe = new Redis({ lazyConnect: true });
  const names = probe.getBuiltinCommands();
  probe.disconnect();
  return names.flatMap((name) => [name, `${name}Buffer`]);
})();

const METHODS = new Set([...COMMAND_METHODS, 'call', 'callBuffer']);
const LOGGED_ARG_LENGTH = 200;

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
 * isolate becomes one real connection here, logged in as the ACL user `learner`, so refused
 * commands fail in Redis itself.
 */
export class RedisBridge {
  private readonly clients = new Map<number, Redis>();
  private readonly log: LoggedCommand[] = [];

  constructor(
    private readonly address: SandboxAddress,
    private readonly budget: CommandBudget,
  ) {}

  readonly send = async (clientId: number, method: string, args: unknown[]): Promise<unknown> => {
    const command = this.accept(method, withNodeBuffers(args) as unknown[]);
    this.budget.spend(1);
    const client = this.client(clientId);
    const fn = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
    return fn?.apply(client, command);
  };

  /** A pipeline or MULTI transaction, as ioredis runs it; errors become data, per command. */
  readonly exec = async (
    clientId: number,
    commands: unknown[][],
    atomic: boolean,
  ): Promise<PipelineReply[] | null> => {
    const accepted = commands.map(([method, ...args]) => [
      String(method),
      ...this.accept(String(method), withNodeBuffers(args) as unknown[]),
    ]);
    this.budget.spend(accepted.length);
    const client = this.client(clientId);
    const results = await (atomic ? client.multi(accepted) : client.pipeline(accepted)).exec();
    return results?.map(([error, value]) => (error ? { error: error.message } : { value })) ?? null;
  };

  /** The commands sent through this bridge, i.e. during one check. */
  get commands(): readonly LoggedCommand[] {
    return this.log;
  }

  close(): void {
    for (const client of this.clients.values()) client.disconnect();
    this.clients.clear();
  }

  private accept(method: string, args: unknown[]): unknown[] {
    if (!METHODS.has(method)) throw new Error(`ioredis has no method '${method}'`);
    const isCall = method === 'call' || method === 'callBuffer';
    const name = isCall ? String(args[0]).toLowerCase() : commandOf(method);
    this.log.push({ name, args: (isCall ? args.slice(1) : args).map(logged) });
    return args;
  }

  private client(id: number): Redis {
    let client = this.clients.get(id);
    if (!client) {
      client = new Redis({
        path: this.address.socketPath,
        username: 'learner',
        password: this.address.learnerPassword,
        // Fail fast: a learner waiting on a retry loop learns nothing.
        maxRetriesPerRequest: 1,
        enableReadyCheck: false,
        retryStrategy: () => null,
      });
      client.on('error', () => {});
      this.clients.set(id, client);
    }
    return client;
  }
}

function commandOf(method: string): string {
  return method.endsWith('Buffer') ? method.slice(0, -'Buffer'.length) : method;
}

function logged(arg: unknown): string {
  const text = Buffer.isBuffer(arg) ? `<${arg.length} bytes>` : String(arg);
  return text.length > LOGGED_ARG_LENGTH ? `${text.slice(0, LOGGED_ARG_LENGTH)}…` : text;
}
