import { totalmem } from 'node:os';
import { DEFAULT_LIMITS } from '../runner/limits.ts';

// Apart from console-sessions.ts so that the settings table, which every `--help` loads, can say
// these defaults without loading the sandboxes.

/**
 * As many sandboxes as half the machine's memory holds when every one is full (its maxmemory
 * and a redis-server's own few MB): an idle one costs a few MB and no CPU.
 */
const SANDBOX_WORST_CASE_MB = DEFAULT_LIMITS.redisMemoryMb + 8;
export const DEFAULT_MAX_CONSOLES = Math.min(
  500,
  Math.max(4, Math.floor(totalmem() / 2 / (SANDBOX_WORST_CASE_MB * 1024 * 1024))),
);

/** A quarter of the sandboxes for one address: a classroom behind one NAT still fits. */
export function perAddressFor(maxSessions: number): number {
  return Math.max(1, Math.ceil(maxSessions / 4));
}
