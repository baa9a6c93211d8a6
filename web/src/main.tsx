import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { startTheme } from './app/theme.ts';
import { startLivePreview } from './features/preview/live-preview.ts';
import './styles.css';

/**
 * On a lesson page, starts downloading the editor's largest script (named in index.html by
 * web/vite-plugins/editor-preload.ts) now, rather than once the page has fetched its lesson and
 * imports the editor. Prefetched into the HTTP cache, not parsed: the lesson renders first, and
 * the editor's import finds the script there, or joins its download.
 */
function preloadEditor() {
  const script = document.querySelector<HTMLMetaElement>('meta[name="keyspace-editor-script"]');
  if (!script || !location.pathname.startsWith('/lessons/')) return;
  const link = document.createElement('link');
  link.rel = 'prefetch';
  // As the module import will ask for it: CORS mode, same-origin credentials.
  link.crossOrigin = '';
  link.href = script.content;
  document.head.append(link);
}

preloadEditor();
startTheme();
startLivePreview();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
