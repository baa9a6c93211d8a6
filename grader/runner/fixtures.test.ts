import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureReader } from './fixtures.ts';

describe('fixtureReader', () => {
  let exercise: string;
  beforeAll(async () => {
    exercise = await mkdtemp(join(tmpdir(), 'keyspace-fixtures-'));
    await mkdir(join(exercise, 'fixtures/icons'), { recursive: true });
    await writeFile(join(exercise, 'fixtures/heart.png'), 'heart');
    await writeFile(join(exercise, 'fixtures/icons/star.png'), 'star');
  });
  afterAll(() => rm(exercise, { recursive: true, force: true }));

  it('reads a fixture by its name, with or without fixtures/', () => {
    const read = fixtureReader(join(exercise, 'fixtures'));
    expect(Buffer.from(read('heart.png')).toString()).toBe('heart');
    expect(Buffer.from(read('./fixtures/icons/star.png')).toString()).toBe('star');
  });

  it('names the fixtures there are when one is missing, never a host path', () => {
    const read = fixtureReader(join(exercise, 'fixtures'));
    expect(() => read('fixtures/hart.png')).toThrow(
      "ENOENT: no such fixture 'fixtures/hart.png': the exercise's fixtures/ folder holds heart.png, icons/star.png",
    );
    expect(() => read('hart.png')).not.toThrow(new RegExp(exercise));
  });

  it('says so when the exercise has no fixtures/ folder', () => {
    const read = fixtureReader(join(exercise, 'nothing-here'));
    expect(() => read('a.png')).toThrow(
      "ENOENT: no such fixture 'a.png': this exercise has no fixtures/ folder to read files from",
    );
  });
});
