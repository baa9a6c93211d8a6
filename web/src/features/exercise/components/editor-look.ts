import { monaco } from './monaco.ts';

// Monaco's own themes, but for vs-dark's comments, too faint on its background (4.2:1, under
// WCAG's 4.5:1 for text), and its diff colours: a changed line's tint, with a changed word's on
// top, left vs-dark's keywords at 3.8:1. One faint tint per line keeps every token above 4.5:1.
monaco.editor.defineTheme('keyspace-light', { base: 'vs', inherit: true, rules: [], colors: {} });
monaco.editor.defineTheme('keyspace-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [{ token: 'comment', foreground: '7FAF6A' }],
  colors: {
    'diffEditor.insertedLineBackground': '#23863620',
    'diffEditor.insertedTextBackground': '#00000000',
    'diffEditor.removedLineBackground': '#f851491f',
    'diffEditor.removedTextBackground': '#00000000',
  },
});

export const themeOf = (theme: 'light' | 'dark') => `keyspace-${theme}`;

/** What the exercise's editor and the solution's diff share. */
export const EDITOR_OPTIONS = {
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 14,
  scrollBeyondLastLine: false,
  // A long comment wraps rather than hiding past the column's edge. Continuation lines start at
  // the margin: an indent would be drawn as spaces the line does not hold.
  wordWrap: 'on',
  wrappingIndent: 'none',
  // Hovers, signatures and completions drawn over the page, not cut at the editor's edges.
  fixedOverflowWidgets: true,
  // Monaco dims the number of the line after a final newline below readable contrast.
  renderFinalNewline: 'on',
} satisfies monaco.editor.IEditorOptions;
