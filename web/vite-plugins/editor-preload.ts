import type { Plugin, Rolldown } from 'vite';

/** The meta tag of index.html that names the editor's script; web/src/main.tsx reads it. */
const META_NAME = 'keyspace-editor-script';

/** The chunks `from` imports statically, themselves included, and what those import in turn. */
function staticGraph(bundle: Rolldown.OutputBundle, from: Rolldown.OutputChunk[]) {
  const chunks = new Map<string, Rolldown.OutputChunk>();
  const queue = [...from];
  for (let chunk = queue.pop(); chunk; chunk = queue.pop()) {
    if (chunks.has(chunk.fileName)) continue;
    chunks.set(chunk.fileName, chunk);
    for (const name of chunk.imports) {
      const imported = bundle[name];
      if (imported?.type === 'chunk') queue.push(imported);
    }
  }
  return chunks;
}

/**
 * Names in index.html the largest script that the lazily loaded `module` (the code editor) needs
 * before it can run, and the page's entry does not load: Monaco's editor API, more than half of
 * the editor's bytes. A lesson page prefetches it as it starts (main.tsx), instead of once it has
 * fetched its lesson and imports the editor; the editor's smaller files follow with that import. Named, not linked: a page without an editor (the course map) should not
 * download Monaco. One file: on a slow link one download keeps the link as busy as three, and
 * leaves the lesson's own requests, which share it, a larger part (three delayed the lesson by a
 * third of a second at 1.5 Mbit/s; one did not).
 */
export function editorPreload(module: string): Plugin {
  let base = '/';
  return {
    name: 'keyspace:editor-preload',
    apply: 'build',
    configResolved: (config) => {
      base = config.base;
    },
    transformIndexHtml: {
      // Post: only then does Vite pass the bundle, with the chunks' final names.
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) return;
        const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
        const editor = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(module));
        if (!editor) {
          throw new Error(`editor-preload: no chunk of ${module} in the build: is it still lazy?`);
        }
        const page = staticGraph(
          bundle,
          chunks.filter((chunk) => chunk.isEntry),
        );
        const [largest] = [...staticGraph(bundle, [editor]).values()]
          .filter((chunk) => !page.has(chunk.fileName))
          .sort((a, b) => b.code.length - a.code.length);
        if (!largest) return;
        return [
          {
            tag: 'meta',
            attrs: { name: META_NAME, content: base + largest.fileName },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}
