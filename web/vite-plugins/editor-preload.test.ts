import { expect, it } from 'vitest';
import { buildFixture } from './build-fixture.ts';
import { editorPreload } from './editor-preload.ts';

/** A module whose chunk weighs about `kb` KB, the text unlike any other so none is merged. */
const weighing = (name: string, kb: number) =>
  `export const ${name} = () => ${JSON.stringify(`${name} `.repeat(kb * 200))};`;

// The page's entry imports `shared` (the heaviest) and, lazily, the editor and `other`; both
// import `big`, which gets a chunk of its own.
const APP = {
  'index.html': '<!doctype html><head></head><script type="module" src="/main.js"></script>',
  'main.js': `import { shared } from './shared.js';
    shared();
    document.body.onclick = () => import('./editor.js');
    document.body.onkeydown = () => import('./other.js');`,
  'editor.js': `import { big } from './big.js';
    import { shared } from './shared.js';
    export default () => big() + shared();`,
  'other.js': `import { big } from './big.js';
    export default big;`,
  'big.js': weighing('big', 200),
  'shared.js': weighing('shared', 400),
};

const named = (html: string) =>
  /<meta name="keyspace-editor-script" content="([^"]+)">/.exec(html)?.[1];

it("names the lazy module's largest script that the page's entry does not load", async () => {
  const { html, chunks } = await buildFixture(APP, [editorPreload('/editor.js')]);
  const big = chunks.find((chunk) => chunk.moduleIds.some((id) => id.endsWith('/big.js')));
  expect(big?.isEntry).toBe(false);
  expect(named(html)).toBe(`/${big?.fileName}`);
});

it('fails the build when the module is not in it, rather than preloading nothing', async () => {
  await expect(buildFixture(APP, [editorPreload('/gone.js')])).rejects.toThrow(
    'editor-preload: no chunk of /gone.js in the build',
  );
});
