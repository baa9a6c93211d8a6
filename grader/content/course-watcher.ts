import { relative, sep } from 'node:path';
import { watch } from 'chokidar';

/** Saves arrive in bursts (an editor's temporary file, then the rename): one change per burst. */
const SETTLE_MS = 60;

export interface CourseWatcher {
  /** Resolves once the folders are being watched: a save after this is seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Watches a course's lessons/ and exercises/ and tells `onChange` which files changed (relative
 * to the course folder, `/`-separated), a burst of saves at a time.
 */
export function watchCourse(courseDir: string, onChange: (files: string[]) => void): CourseWatcher {
  const watcher = watch(['lessons', 'exercises'], {
    cwd: courseDir,
    ignoreInitial: true,
    // Editors' swap and backup files, and anything hidden.
    ignored: (path) => /(^|[/\\])\.|~$|\.swp$|\.swx$|\b4913$/.test(path),
  });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, path) => {
    pending.add(relative('.', path).split(sep).join('/'));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending].sort();
      pending = new Set();
      onChange(files);
    }, SETTLE_MS);
  });
  return {
    ready: new Promise((resolve) => watcher.once('ready', () => resolve())),
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
