import { Router } from 'express';
import type { LivePreview } from '../preview/live-preview.ts';

/**
 * `GET /api/preview/events`: course changes as server-sent events while the server watches the
 * course (`--watch`). Otherwise 204, which tells a browser's EventSource not to try again.
 */
export function previewRoutes(preview: LivePreview | undefined): Router {
  return Router().get('/api/preview/events', (req, res) => {
    if (preview) preview.events(req, res);
    else res.status(204).end();
  });
}
