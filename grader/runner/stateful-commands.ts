// Apart from sandbox-connections.ts, which loads ioredis: exercise.md's `setup:` is checked
// against these lists whenever a course is read, by commands (`new`, `lint`) that need no Redis.

/**
 * Redis's own categories of commands that can leave state on the connection that sent them
 * (`ACL CAT <category>`; `connection-state.test.ts` holds these lists to the server's).
 */
export const STATE_CATEGORIES = ['connection', 'transaction', 'pubsub'] as const;

/**
 * The commands of those categories that leave state: a database (SELECT), a protocol and a name
 * (HELLO, and RESET, which also falls back to RESP2 without ioredis knowing), another user
 * (AUTH), an open MULTI or WATCHes, subscriptions, client settings, a closed connection (QUIT).
 * MONITOR is refused to learners, and would leave one in monitor mode.
 */
export const STATEFUL_COMMANDS: ReadonlySet<string> = new Set([
  'asking',
  'auth',
  'client',
  'hello',
  'quit',
  'readonly',
  'readwrite',
  'reset',
  'select',
  'wait',
  'discard',
  'exec',
  'multi',
  'unwatch',
  'watch',
  'psubscribe',
  'punsubscribe',
  'ssubscribe',
  'subscribe',
  'sunsubscribe',
  'unsubscribe',
  'monitor',
]);
