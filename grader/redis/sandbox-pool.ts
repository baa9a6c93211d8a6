import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits, SandboxServer } from './sandbox-server.ts';

/**
 * A fixed set of sandbox servers, each lent to one grading run at a time.
 * The runner flushes a sandbox before every check, so a returned sandbox needs no cleaning here.
 */
export class SandboxPool {
  private readonly idle: SandboxServer[] = [];
  private readonly waiting: ((server: SandboxServer) => void)[] = [];

  private constructor(private readonly all: SandboxServer[]) {
    this.idle.push(...all);
  }

  static async start(size: number, limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS) {
    const started = await Promise.allSettled(
      Array.from({ length: size }, () => SandboxServer.start(limits)),
    );
    const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = started.find((s) => s.status === 'rejected');
    if (failure) {
      await Promise.all(servers.map((server) => server.stop()));
      throw failure.reason;
    }
    return new SandboxPool(servers);
  }

  acquire(): Promise<SandboxServer> {
    const server = this.idle.pop();
    if (server) return Promise.resolve(server);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(server: SandboxServer): void {
    const next = this.waiting.shift();
    if (next) next(server);
    else this.idle.push(server);
  }

  async stop(): Promise<void> {
    await Promise.all(this.all.map((server) => server.stop()));
  }
}
