import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { collectEditorTypes } from './editor-types.ts';

const overloadsOfSet = (declarations: string) => declarations.match(/^ {4}set\(/gm)?.length ?? 0;

it("ships ioredis's commands with their overloads merged, and their documentation", async () => {
  const commands = (await collectEditorTypes()).find(({ filePath }) =>
    filePath.endsWith('/ioredis/built/utils/RedisCommander.d.ts'),
  );
  const original = readFileSync(
    createRequire(import.meta.url).resolve('ioredis/built/utils/RedisCommander.d.ts'),
    'utf8',
  );
  expect(overloadsOfSet(original)).toBeGreaterThan(80);
  expect(overloadsOfSet(commands?.content ?? '')).toBeLessThan(overloadsOfSet(original));
  expect(commands?.content).toContain('Sets the string value of a key, ignoring its type.');
});
