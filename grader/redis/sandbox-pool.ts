import { Lender } from '../shared/lender.ts';
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits, SandboxServer } from './sandbox-server.ts';

/**
 * A fixed set of sandbox servers, each lent to one grading run at a time.
 * The runner flushes a sandbox before every check, so a returned sandbox needs no cleaning here.
 */
export class SandboxPool {
  private readonly lender: Lender<SandboxServer>;

  private constructor(private readonly all: SandboxServer[]) {
    this.lender = new Lender(all);
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
    return this.lender.borrow();
  }

  release(server: SandboxServer): void {
    this.lender.giveBack(server);
  }

  async stop(): Promise<void> {
    await Promise.all(this.all.map((server) => server.stop()));
  }
}
