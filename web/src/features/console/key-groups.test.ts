import { describe, expect, it } from 'vitest';
import { groupByPrefix, patternOf } from './key-groups.ts';

const names = (...keys: string[]) => keys.map((key) => ({ key }));

describe("the key browser's rows", () => {
  it('gathers the keys that share the part before their first colon, each group in its place', () => {
    const rows = groupByPrefix(
      names('user:2', 'zeta', 'user:1:name', 'alpha', 'session:x', 'user'),
    );
    expect(rows).toEqual([
      { kind: 'key', view: { key: 'alpha' } },
      { kind: 'group', prefix: 'session', views: names('session:x') },
      { kind: 'key', view: { key: 'user' } },
      { kind: 'group', prefix: 'user', views: names('user:1:name', 'user:2') },
      { kind: 'key', view: { key: 'zeta' } },
    ]);
  });

  it('leaves a key that starts with a colon, or has none, on its own', () => {
    expect(groupByPrefix(names(':odd', 'plain'))).toEqual([
      { kind: 'key', view: { key: ':odd' } },
      { kind: 'key', view: { key: 'plain' } },
    ]);
  });
});

describe('the pattern of a key filter', () => {
  it('finds the keys that contain the text typed', () => {
    expect(patternOf('user')).toBe('*user*');
    expect(patternOf('a\\b]')).toBe('*a\\\\b\\]*');
    expect(patternOf('')).toBeUndefined();
  });

  it('takes text with a glob character as the pattern it is', () => {
    expect(patternOf('user:*')).toBe('user:*');
    expect(patternOf('k?y')).toBe('k?y');
    expect(patternOf('[ab]*')).toBe('[ab]*');
  });
});
