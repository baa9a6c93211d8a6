import type { LoggedCommand } from '../../checks/api.ts';

/**
 * What a step of a race does, for telling which steps commute. `local`: nothing another racer
 * can see (a timer firing); `read`: reads Redis and changes nothing in it; `write`: anything else,
 * whatever we cannot be sure of included.
 */
export type Effect = 'local' | 'read' | 'write';

/** Whether two steps of different racers leave the same state and replies in either order. */
export function commute(a: Effect, b: Effect): boolean {
  return a === 'local' || b === 'local' || (a === 'read' && b === 'read');
}

/**
 * Commands that change nothing in Redis. WATCH is one: it only notes, on its own connection,
 * the keys' versions. A command missing here counts as a write, which costs interleavings, never
 * a missed one.
 */
const READS = new Set([
  'bitcount',
  'bitpos',
  'dbsize',
  'echo',
  'exists',
  'expiretime',
  'geodist',
  'geohash',
  'geopos',
  'georadius_ro',
  'georadiusbymember_ro',
  'geosearch',
  'get',
  'getbit',
  'getrange',
  'hexists',
  'hget',
  'hgetall',
  'hkeys',
  'hlen',
  'hmget',
  'hrandfield',
  'hscan',
  'hstrlen',
  'hvals',
  'keys',
  'lcs',
  'lindex',
  'llen',
  'lpos',
  'lrange',
  'mget',
  'pexpiretime',
  'ping',
  'pttl',
  'randomkey',
  'scan',
  'scard',
  'sdiff',
  'sinter',
  'sintercard',
  'sismember',
  'smembers',
  'smismember',
  'srandmember',
  'sscan',
  'strlen',
  'substr',
  'sunion',
  'ttl',
  'type',
  'unwatch',
  'watch',
  'xlen',
  'xrange',
  'xrevrange',
  'zcard',
  'zcount',
  'zdiff',
  'zinter',
  'zintercard',
  'zlexcount',
  'zmscore',
  'zrandmember',
  'zrange',
  'zrangebylex',
  'zrangebyscore',
  'zrank',
  'zrevrange',
  'zrevrangebylex',
  'zrevrangebyscore',
  'zrevrank',
  'zscan',
  'zscore',
  'zunion',
]);

/** Commands that can wait in Redis until another client writes (their own timeout aside). */
const BLOCKING = new Set([
  'blpop',
  'brpop',
  'brpoplpush',
  'blmove',
  'blmpop',
  'bzpopmin',
  'bzpopmax',
  'bzmpop',
  'wait',
  'waitaof',
]);

/** A command, or a pipeline's or transaction's commands (MULTI and EXEC among them). */
export function effectOf(commands: readonly LoggedCommand[]): Effect {
  // MULTI and EXEC of a batch only frame it; sent on their own, EXEC runs whatever was queued.
  const batched = commands[0]?.batch !== undefined;
  const reads = commands.every(
    ({ name }) => READS.has(name) || (batched && (name === 'multi' || name === 'exec')),
  );
  return reads && !blocks(commands) ? 'read' : 'write';
}

/** Whether the step can wait in Redis for another client: a transaction never does. */
export function blocks(commands: readonly LoggedCommand[]): boolean {
  if (commands[0]?.name === 'multi') return false;
  return commands.some(
    ({ name, args }) =>
      BLOCKING.has(name) ||
      ((name === 'xread' || name === 'xreadgroup') &&
        args.some((arg) => arg.toLowerCase() === 'block')),
  );
}

/**
 * Whether a blocking command waits with no timeout (0): only another client's command ends its
 * wait, never Redis's clock. One whose timeout cannot be read counts as timed.
 */
export function waitsForever(commands: readonly LoggedCommand[]): boolean {
  return commands.every(({ name, args }) => {
    if (!blocks([{ name, args }])) return true;
    const timeout =
      name === 'xread' || name === 'xreadgroup'
        ? args[args.findIndex((arg) => arg.toLowerCase() === 'block') + 1]
        : name === 'blmpop' || name === 'bzmpop'
          ? args[0]
          : args.at(-1);
    return timeout !== undefined && timeout.trim() !== '' && Number(timeout) === 0;
  });
}

const EXPIRY_COMMANDS = new Set(['expire', 'pexpire', 'expireat', 'pexpireat', 'setex', 'psetex']);
const EXPIRY_OPTIONS = new Set(['ex', 'px', 'exat', 'pxat']);

/** Whether the command gives its key an expiry, if it applies (a SET … NX may set nothing). */
export function givesExpiry({ name, args }: LoggedCommand): boolean {
  return (
    EXPIRY_COMMANDS.has(name) ||
    ((name === 'set' || name === 'getex') &&
      args.slice(1).some((arg) => EXPIRY_OPTIONS.has(arg.toLowerCase())))
  );
}
