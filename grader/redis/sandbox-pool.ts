import { type GraderLog, stderrLog } from '../shared/grader-log.ts';
import { ReplacingPool } from '../shared/replacing-pool.ts';
import { SandboxServer } from './sandbox-server.ts';

export interface SandboxPoolOptions {
  /** Each sandbox, its replacements too, at LOW_PRIORITY. */
  lowPriority?: boolean;
  log?: GraderLog;
}

/**
 * A fixed set of sandbox servers, each lent to one grading run at a time. The runner empties a
 * sandbox before every check; a sandbox that comes back dead or lost (shut down because a
 * learner's script wedged it) is replaced before it is lent again.
 */
export class SandboxPool {
  private constructor(private readonly pool: ReplacingPool<SandboxServer>) {}

  static async start(
    size: number,
    { lowPriority = false, log = stderrLog }: SandboxPoolOptions = {},
  ): Promise<SandboxPool> {
    const make = () => SandboxServer.start({ lowPriority, graded: true });
    return new SandboxPool(await ReplacingPool.start(size, make, 'sandbox redis-server', log));
  }

  /** Sandbox servers running now. */
  get live(): number {
    return this.pool.live;
  }

  acquire(): Promise<SandboxServer> {
    return this.pool.borrow();
  }

  /** Takes a sandbox back; one that is `lost` (or dead) is stopped and replaced by a new one. */
  release(server: SandboxServer, { lost = false } = {}): void {
    this.pool.giveBack(server, { lost });
  }

  stop(): Promise<void> {
    return this.pool.stop();
  }
}
