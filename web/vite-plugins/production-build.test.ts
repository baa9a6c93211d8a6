import { expect, it } from 'vitest';
import { buildFixture } from './build-fixture.ts';
import { productionBuild } from './production-build.ts';

const APP = {
  'index.html': '<!doctype html><script type="module" src="/main.js"></script>',
  'main.js': 'console.log(process.env.NODE_ENV, import.meta.env.PROD);',
};

it('bundles for production in a process whose NODE_ENV is test, and leaves it test', async () => {
  expect(process.env.NODE_ENV).toBe('test');
  const { chunks } = await buildFixture(APP, [productionBuild()]);
  expect(chunks.map((chunk) => chunk.code).join('\n')).toMatch(
    /console\.log\(["`]production["`], true\)/,
  );
  expect(process.env.NODE_ENV).toBe('test');
});
