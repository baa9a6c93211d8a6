import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in web/; `npm run build` writes web/dist, which the server serves.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco is one big lazily loaded chunk by design; the warning would only be noise.
    chunkSizeWarningLimit: 5_000,
    // Rolldown's plugin-timing notice is advice for plugin authors, not for someone starting a course.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
