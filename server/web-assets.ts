import { join, sep } from 'node:path';
import type { RequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** A year: as long as a browser keeps anything. */
const FOR_GOOD = 'public, max-age=31536000, immutable';

/**
 * The built web app's files. The build writes a brotli and a gzip copy beside each
 * (vite.config.ts), served to browsers that take them: Monaco and TypeScript are megabytes that a
 * slow network would otherwise carry as they are. Vite names every file under assets/ by a hash
 * of its content, so a browser may keep those for good; index.html, which names them, is asked
 * for again each time.
 */
export function webAssets(webDir: string): RequestHandler {
  const hashed = `${join(webDir, 'assets')}${sep}`;
  return expressStaticGzip(webDir, {
    enableBrotli: true,
    orderPreference: ['br', 'gz'],
    index: false,
    serveStatic: {
      index: false,
      setHeaders: (res, path) => {
        if (path.startsWith(hashed)) res.setHeader('Cache-Control', FOR_GOOD);
      },
    },
  });
}
