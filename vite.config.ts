import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { editorPreload } from './web/vite-plugins/editor-preload.ts';
import { EDITOR_TYPES_MODULE, editorTypes } from './web/vite-plugins/editor-types.ts';
import { monacoWorkers } from './web/vite-plugins/monaco-workers.ts';
import { productionBuild } from './web/vite-plugins/production-build.ts';

// The web app lives in web/; `npm run build` writes web/dist, which the server serves.
export default defineConfig({
  root: 'web',
  plugins: [
    productionBuild(),
    react(),
    editorTypes(),
    monacoWorkers(),
    editorPreload('/features/exercise/components/code-editor.tsx'),
    // A brotli and a gzip copy beside each file, which the server sends to browsers that take
    // them (server/web-assets.ts): the editor's JavaScript is megabytes.
    compression({ include: /\.(js|css|html|svg|json|ttf)$/, threshold: 1024 }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco is one big lazily loaded chunk by design; the warning would only be noise.
    chunkSizeWarningLimit: 5_000,
    rolldownOptions: {
      // Rolldown's plugin-timing notice is advice for plugin authors, not for someone starting a course.
      checks: { pluginTimings: false },
      // The editor's declarations in a chunk of their own, fetched beside Monaco's and cached apart.
      output: { codeSplitting: { groups: [{ name: 'editor-types', test: EDITOR_TYPES_MODULE }] } },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
