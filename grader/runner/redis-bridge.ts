import Redis from 'ioredis';
import type { LoggedCommand } from '../checks/api.ts';
import type { SandboxAddress } from '../redis/sandbox-server.ts';

/** ioredis's own command table: every method a learner's client has. */
export const COMMAND_METHODS: readonly string[] = (() => {
  const probe = new Redis({ lazyConnect: true });
  const names = probe.getBuiltinCommands();
  probe.disconnect();
  return names.flatMap((name) => [name, `${name}Buffer`]);
})();

const METHODS = new Set([...COMMAND_METHODS, 'call', 'callBuffer']);
const LOGGED_ARG_LENGTH = 200;

/**
 * The worker's end of the learner's Redis clients. Each `new Redis()` in the isolate becomes
 * one real connection here, logged in as the ACL user `learner`, so refused commands fail in Redis.
 */
export class RedisBridge {
  private readonly clients = new Map<number, Redis>();
  private log: LoggedCommand[] = [];
  private total = 0;

  constructor(private readonly address: SandboxAddress) {}

  async send(clientId: number, method: string, args: unknown[]): Promise<unknown> {
    if (!METHODS.has(method)) throw new Error(`ioredis has no method '${method}'`);
    const name = method.startsWith('call') ? String(args[0]).toLowerCase() : commandOf(method);
    this.log.push({ name, args: (method.startsWith('call') ? args.slice(1) : args).map(logged) });
    this.total += 1;
    const client = this.client(clientId);
    const fn = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
    return fn?.apply(client, args);
  }

  /** The commands sent since the last `resetLog()`. */
  get commands(): readonly LoggedCommand[] {
    return this.log;
  }

  resetLog(): void {
    this.log = [];
  }

  get commandCount(): number {
    return this.total;
  }

  close(): void {
    for (const client of this.clients.values()) client.disconnect();
    this.clients.clear();
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
        enableOfflineQueue: true,
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
