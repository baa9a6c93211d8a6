// Written at build time by web/vite-plugins/editor-types.ts.
declare module 'virtual:editor-types' {
  /** ioredis's declarations and what they need, for Monaco's `typescriptDefaults.setExtraLibs`. */
  const files: { filePath: string; content: string }[];
  export default files;
}
