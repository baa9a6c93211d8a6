/** What ranking reads of one entry of the TypeScript service's completion list. */
export interface RankedEntry {
  name: string;
  sortText: string;
}

/**
 * The commands and client methods this course's learners reach for, most needed first: a Redis
 * course's `redis.` should open on GET and SET, not on `_buildBatchContext` and `acl`.
 */
const EVERYDAY = [
  'get',
  'set',
  'del',
  'exists',
  'expire',
  'ttl',
  'incr',
  'incrby',
  'decr',
  'mget',
  'mset',
  'hset',
  'hget',
  'hgetall',
  'hdel',
  'hincrby',
  'hmget',
  'hexists',
  'lpush',
  'rpush',
  'lpop',
  'rpop',
  'lrange',
  'llen',
  'ltrim',
  'lmove',
  'sadd',
  'srem',
  'smembers',
  'sismember',
  'scard',
  'sinter',
  'zadd',
  'zrange',
  'zscore',
  'zincrby',
  'zrem',
  'zrank',
  'zrevrank',
  'scan',
  'unlink',
  'persist',
  'pexpire',
  'expireat',
  'getex',
  'publish',
  'subscribe',
  'xadd',
  'xrange',
  'xread',
  'xreadgroup',
  'xack',
  'eval',
  'evalsha',
  'pipeline',
  'multi',
  'exec',
  'watch',
  'unwatch',
  'on',
  'once',
  'off',
  'duplicate',
  'quit',
  'disconnect',
  'defineCommand',
  'call',
];
const EVERYDAY_RANK = new Map(EVERYDAY.map((name, index) => [name, index]));

/**
 * ioredis's plumbing, which its declarations make public but a learner never calls (and the
 * sandbox's client does not have): connection internals, command queues, a pipeline's own state.
 */
const PLUMBING = new Set([
  'addBatch',
  'addBuiltinCommand',
  'addedBuiltinSet',
  'autoPipelineQueueSize',
  'commandQueue',
  'condition',
  'createBuiltinCommand',
  'fillResult',
  'getBuiltinCommands',
  'handleReconnection',
  'isCluster',
  'isPipeline',
  'leftRedirections',
  'promise',
  'recoverFromFatalError',
  'redis',
  'reject',
  'resolve',
  'scriptsSet',
  'sendCommand',
  'silentEmit',
  'stream',
]);

/** Node's EventEmitter beyond on/once/off: kept, but after every command. */
const RARE = new Set([
  'addListener',
  'emit',
  'eventNames',
  'getMaxListeners',
  'listenerCount',
  'listeners',
  'prependListener',
  'prependOnceListener',
  'rawListeners',
  'removeAllListeners',
  'removeListener',
  'setMaxListeners',
]);

/** Commands that only an ioredis client, pipeline or transaction has, all of them together. */
const CLIENT_MARKERS = ['hgetall', 'zadd', 'lpush'];

/** Whether a member list is an ioredis client's (or a pipeline's): only those are ranked. */
export function isRedisClientList(entries: readonly RankedEntry[]): boolean {
  const names = new Set(entries.map((entry) => entry.name));
  return CLIENT_MARKERS.every((name) => names.has(name));
}

/**
 * The members of an ioredis client as a learner should meet them: the everyday commands first,
 * in the order above, then the other commands, then the `…Buffer` variants and EventEmitter's
 * rarer methods; internals (`_…`) and plumbing left out. Monaco orders by `sortText` whatever
 * matches what was typed equally well, so `se` selects `set` before `select`.
 * Any other list is returned as it came.
 */
export function rankCompletions<Entry extends RankedEntry>(
  entries: readonly Entry[],
  isMemberCompletion: boolean,
): Entry[] {
  if (!isMemberCompletion || !isRedisClientList(entries)) return [...entries];
  return entries
    .filter((entry) => !entry.name.startsWith('_') && !PLUMBING.has(entry.name))
    .map((entry) => ({ ...entry, sortText: `${tierOf(entry.name)}${entry.sortText}` }));
}

/** A prefix that sorts before the TypeScript service's own sortText (digits). */
function tierOf(name: string): string {
  const everyday = EVERYDAY_RANK.get(name);
  if (everyday !== undefined) return `a${String(everyday).padStart(3, '0')}`;
  if (RARE.has(name) || name.endsWith('Buffer')) return 'c';
  return 'b';
}
