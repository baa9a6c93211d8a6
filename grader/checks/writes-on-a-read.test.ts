import { describe, expect, it } from 'vitest';
import type { ExecutedCommand } from './api.ts';
import { writesOnARead } from './writes-on-a-read.ts';

const KEY = 'user:1';

/** A command as executed() gives it; `keys` and `write` as Redis says for these few. */
function ran(text: string, extra: Partial<ExecutedCommand> = {}): ExecutedCommand {
  const [name = '', ...args] = text.split(' ');
  const reads = ['get', 'hget', 'hgetall', 'exists'];
  const writes = ['set', 'hset', 'hincrby', 'del'];
  const keyed = reads.includes(name) || writes.includes(name) || name === 'watch';
  return {
    name,
    args,
    keys: keyed ? [args[0] ?? ''] : [],
    write: writes.includes(name),
    client: 1,
    ...extra,
  } as ExecutedCommand;
}

const names = (found: ReturnType<typeof writesOnARead>) =>
  found.map(({ read, write }) => `${read.name} → ${write.name}`);

describe('writes on a read', () => {
  it('finds a write of the key after the same client read it, one command after another', () => {
    expect(
      names(writesOnARead([ran(`hget ${KEY} points`), ran(`hset ${KEY} points 5`)], KEY)),
    ).toEqual(['hget → hset']);
  });

  it('lets a read and a write in one script or one MULTI go, and a WATCHed MULTI', () => {
    const script = [
      ran('eval …'),
      ran(`hget ${KEY} points`, { script: 'eval' }),
      ran(`hset ${KEY} points 5`, { script: 'eval' }),
    ];
    const multi = [
      ran('multi'),
      ran(`hget ${KEY} points`),
      ran(`hset ${KEY} points 5`),
      ran('exec'),
    ];
    const watched = [
      ran(`watch ${KEY}`),
      ran(`hget ${KEY} points`),
      ran('multi'),
      ran(`hset ${KEY} points 5`),
      ran('exec'),
    ];
    for (const commands of [script, multi, watched])
      expect(writesOnARead(commands, KEY)).toEqual([]);
  });

  it('finds a MULTI that a WATCH of another key guards, and a write after UNWATCH', () => {
    const other = [
      ran('watch other'),
      ran(`hget ${KEY} points`),
      ran('multi'),
      ran(`hset ${KEY} points 5`),
      ran('exec'),
    ];
    const unwatched = [
      ran(`watch ${KEY}`),
      ran(`hget ${KEY} points`),
      ran('unwatch'),
      ran('multi'),
      ran(`hset ${KEY} points 5`),
      ran('exec'),
    ];
    for (const commands of [other, unwatched]) expect(writesOnARead(commands, KEY)).toHaveLength(1);
  });

  it('lets go a write that decides itself, another client’s write, and another key', () => {
    const commands = [ran(`hget ${KEY} points`), ran(`hincrby ${KEY} points 5`)];
    expect(writesOnARead(commands, KEY, ({ name }) => name === 'hincrby')).toEqual([]);
    expect(
      writesOnARead([ran(`hget ${KEY} points`), ran(`hset ${KEY} points 5`, { client: 2 })], KEY),
    ).toEqual([]);
    expect(writesOnARead([ran('hget other points'), ran(`hset ${KEY} points 5`)], KEY)).toEqual([]);
  });
});
