import ts from 'typescript';
import type { Edit } from './mutant.ts';
import { type MethodCall, replace } from './syntax-edits.ts';

/** What each direct read answers for a key that does not exist. */
const READ_MISSING: Record<string, string> = {
  get: 'null',
  getBuffer: 'null',
  hget: 'null',
  hgetall: '{}',
  smembers: '[]',
};

/**
 * `redis.get(key)` → find the key with `KEYS` first, then read it: the same answer, but a scan
 * of every key in the database, which a check of the commands sent should refuse.
 */
export function keysScanRead({ call, object, method, args }: MethodCall): Edit | undefined {
  const missing = READ_MISSING[method];
  const [key, ...rest] = args;
  // The client is named twice: only a plain name can be.
  if (missing === undefined || !key || !ts.isIdentifier(object)) return;
  const client = object.text;
  const more = rest.map((arg) => `, ${arg.getText()}`).join('');
  return replace(
    call,
    `${client}.keys(${key.getText()}).then(([found]) => (found === undefined ? ${missing} : ${client}.${method}(found${more})))`,
  );
}

/**
 * An atomic increment → read the number, add in the code, write it back: right for one client,
 * a lost update for two at once, and more commands sent.
 */
export function readThenWrite({ call, object, method, args }: MethodCall): Edit | undefined {
  if (!ts.isIdentifier(object)) return;
  const client = object.text;
  const texts = args.map((arg) => arg.getText());
  const rewrite = (params: string, read: string, write: string, add: string, answer = 'next') =>
    replace(
      call,
      `(async (${params}) => { const next = Number((await ${client}.${read}) ?? 0) ${add}; await ${client}.${write}; return ${answer}; })(${texts.join(', ')})`,
    );
  switch (`${method}/${args.length}`) {
    case 'incr/1':
      return rewrite('key', 'get(key)', 'set(key, next)', '+ 1');
    case 'decr/1':
      return rewrite('key', 'get(key)', 'set(key, next)', '- 1');
    case 'incrby/2':
      return rewrite('key, by', 'get(key)', 'set(key, next)', '+ by');
    case 'decrby/2':
      return rewrite('key, by', 'get(key)', 'set(key, next)', '- by');
    case 'hincrby/3':
      return rewrite('key, field, by', 'hget(key, field)', 'hset(key, field, next)', '+ by');
    case 'zincrby/3':
      // ZINCRBY answers the new score as a string.
      return rewrite(
        'key, by, member',
        'zscore(key, member)',
        'zadd(key, next, member)',
        '+ by',
        'String(next)',
      );
    default:
      return undefined;
  }
}
