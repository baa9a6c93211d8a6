import { describe, expect, it } from 'vitest';
import { isRedisClientList, rankCompletions } from './rank-completions.ts';

/** Entries as the TypeScript service sends them for `redis.`: alphabetical, one sortText. */
const clientMembers = [
  '_buildBatchContext',
  '_getServerAddress',
  'acl',
  'addBuiltinCommand',
  'addListener',
  'get',
  'getBuffer',
  'hgetall',
  'lpush',
  'select',
  'sendCommand',
  'set',
  'setex',
  'zadd',
].map((name) => ({ name, sortText: '11' }));

/** The names in the order Monaco shows them: by sortText, then by name. */
const shownOrder = (entries: { name: string; sortText: string }[]) =>
  [...entries]
    .sort((a, b) => a.sortText.localeCompare(b.sortText) || a.name.localeCompare(b.name))
    .map((entry) => entry.name);

describe('rankCompletions', () => {
  it("puts an ioredis client's everyday commands first, then the others, Buffer variants last", () => {
    expect(shownOrder(rankCompletions(clientMembers, true))).toEqual([
      'get',
      'set',
      'hgetall',
      'lpush',
      'zadd',
      'acl',
      'select',
      'setex',
      'addListener',
      'getBuffer',
    ]);
  });

  it('leaves out internals and plumbing a learner never calls', () => {
    const names = rankCompletions(clientMembers, true).map((entry) => entry.name);
    expect(names).not.toContain('_buildBatchContext');
    expect(names).not.toContain('_getServerAddress');
    expect(names).not.toContain('addBuiltinCommand');
    expect(names).not.toContain('sendCommand');
  });

  it('ranks set before select, so that typing `se` selects it', () => {
    const order = shownOrder(rankCompletions(clientMembers, true));
    expect(order.indexOf('set')).toBeLessThan(order.indexOf('select'));
  });

  it('keeps what ranking does not know of, and what it returns carries the entry on', () => {
    const entries = [...clientMembers, { name: 'xtrim', sortText: '11', kind: 'method' }];
    const ranked = rankCompletions(entries, true);
    expect(ranked.find((entry) => entry.name === 'xtrim')).toEqual({
      name: 'xtrim',
      sortText: 'b11',
      kind: 'method',
    });
  });

  it("leaves other lists as the service sent them: a learner's own object, or global names", () => {
    const own = [
      { name: '_cache', sortText: '11' },
      { name: 'get', sortText: '11' },
    ];
    expect(rankCompletions(own, true)).toEqual(own);
    // Everything in scope at the start of a statement: not members, even if ioredis's are there.
    expect(rankCompletions(clientMembers, false)).toEqual(clientMembers);
  });
});

describe('isRedisClientList', () => {
  it('knows a client (or pipeline) by commands only ioredis has, all together', () => {
    expect(isRedisClientList(clientMembers)).toBe(true);
    expect(isRedisClientList([{ name: 'hgetall', sortText: '11' }])).toBe(false);
  });
});
