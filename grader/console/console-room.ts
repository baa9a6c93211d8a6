import { SandboxesFullError } from '../errors.ts';

/** A learner's sandbox as making room reads it. */
export interface HeldSandbox {
  /** The client address whose share it counts against. */
  address: string;
  lastUsed: number;
}

export interface RoomLimits {
  maxSessions: number;
  maxPerAddress: number;
  reclaimWhenFullMs: number;
}

/**
 * Which sandbox to reclaim for a newcomer from `address` (none when there is room), or a
 * SandboxesFullError. An address at its share gives up the sandbox it used longest ago, once
 * unused long enough (a classroom behind one address must not lose a sandbox in use to a
 * classmate). A full server reclaims the sandbox unused longest (if unused long enough), or else
 * one of the address holding the most, when that address holds more than the newcomer's would:
 * nobody is refused while another address holds more than theirs. `opening` names the addresses
 * of the sandboxes being started: they count as held.
 */
export function sandboxToReclaim<T extends HeldSandbox>(
  address: string,
  held: readonly T[],
  opening: readonly string[],
  limits: RoomLimits,
  now = Date.now(),
): T | undefined {
  const byAddress = new Map<string, number>();
  for (const each of [...held.map((sandbox) => sandbox.address), ...opening]) {
    byAddress.set(each, (byAddress.get(each) ?? 0) + 1);
  }
  const mine = byAddress.get(address) ?? 0;
  const cutoff = now - limits.reclaimWhenFullMs;
  // A share as large as the whole pool is no share: a full pool is then the whole story.
  if (mine >= limits.maxPerAddress && limits.maxPerAddress < limits.maxSessions) {
    const own = leastRecentlyUsed(held, (s) => s.address === address && s.lastUsed < cutoff);
    if (!own) throw new SandboxesFullError(limits.maxPerAddress, 'address');
    return own;
  }
  if (held.length + opening.length < limits.maxSessions) return undefined;
  const idle = leastRecentlyUsed(held, (sandbox) => sandbox.lastUsed < cutoff);
  if (idle) return idle;
  const [greediest, most] = [...byAddress].reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0]);
  const theirs = most > mine + 1 && leastRecentlyUsed(held, (s) => s.address === greediest);
  if (!theirs) throw new SandboxesFullError(limits.maxSessions);
  return theirs;
}

/** Of the sandboxes `which` picks, the one unused longest. */
function leastRecentlyUsed<T extends HeldSandbox>(
  held: readonly T[],
  which: (sandbox: T) => boolean,
): T | undefined {
  let oldest: T | undefined;
  for (const sandbox of held) {
    if (which(sandbox) && sandbox.lastUsed < (oldest?.lastUsed ?? Infinity)) oldest = sandbox;
  }
  return oldest;
}
