/** Replies of a Redis that is loading, out of disk or memory, a replica, or busy: it will pass. */
const PASSING_TROUBLE = /^(LOADING|MISCONF|READONLY|OOM|BUSY|MASTERDOWN|TRYAGAIN)\b/;

/**
 * Whether an ioredis error means Redis cannot be used for now (a lost or absent connection, or a
 * Redis that cannot take writes), so that trying again later may work. Any other reply is a bug
 * of the caller's.
 */
export function isRedisOutage(error: unknown): boolean {
  const replied = error instanceof Error && error.name === 'ReplyError';
  return !replied || PASSING_TROUBLE.test(error.message);
}
