import { relative, resolve, sep } from 'node:path';
import { watch } from 'chokidar';

/** Saves arrive in bursts (an editor's temporary file, then the rename): one change per burst. */
const SETTLE_MS = 60;
/** Editors' swap and backup files (vim's, emacs's), and anything hidden, inside the course. */
const NOT_COURSE_FILES = /(^|[/\\])\.|~$|\.sw[px]$|(^|[/\\])4913$|(^|[/\\])#[^/\\]*#$/;

export interface CourseWatcher {
  /** Resolves once the folders are being watched: a save after this is seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface CourseWatcherEvents {
  /** The files that changed (relative to the course folder, `/`-separated), a burst at a time. */
  onChange: (files: string[]) => void;
  /** The watcher cannot watch (too many files for inotify, a folder it may not read). */
  onError: (error: Error) => void;
}

/** Watches a course's lessons/ and exercises/. */
export function watchCourse(courseDir: string, events: CourseWatcherEvents): CourseWatcher {
  const watcher = watch(['lessons', 'exercises'], {
    cwd: courseDir,
    ignoreInitial: true,
    ignorePermissionErrors: true,
    // chokidar may pass absolute paths: only the part inside the course counts, so that a course
    // kept under a hidden folder (~/.courses/x) is still watched.
    ignored: (path) => NOT_COURSE_FILES.test(relative(courseDir, resolve(courseDir, path))),
  });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, path) => {
    // Relative to `cwd`, the course folder.
    pending.add(path.split(sep).join('/'));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending].sort();
      pending = new Set();
      events.onChange(files);
    }, SETTLE_MS);
  });
  // Without a listener, an 'error' event would end the process.
  watcher.on('error', (error) => events.onError(error as Error));
  return {
    ready: new Promise((resolve) => watcher.once('ready', () => resolve())),
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
