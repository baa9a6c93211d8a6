import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import {
  type CourseWatcher,
  findCourseProblems,
  type Grader,
  type Problem,
  watchCourse,
} from '../../grader/index.ts';

/** What an open page is told: the files that changed (none at first), and what is wrong now. */
export interface CourseEvent {
  files: string[];
  problems: Problem[];
}

/** Proxies drop a stream that stays silent; a comment now and then keeps it open. */
const KEEP_ALIVE_MS = 20_000;

/**
 * Development mode (`keyspace start --watch`): when an instructor saves a course file, the grader
 * reads the exercises afresh and every open page is told, by server-sent events, to load what it
 * shows again, with the problems the course's files have now (file, line, what is wrong).
 */
export class LivePreview {
  private readonly pages = new Set<Response>();
  private problems: Problem[] = [];
  // Changes are handled one at a time, so that pages hear of them in the order they were saved.
  private handled: Promise<void> = Promise.resolve();
  private watcher: CourseWatcher | undefined;
  /** Set when the watcher failed: saves are no longer seen, and pages must say so. */
  private watchProblem: Problem | undefined;
  private closed = false;

  private constructor(
    private readonly courseDir: string,
    private readonly grader: Grader,
    private readonly log: Logger,
  ) {}

  static async start(courseDir: string, grader: Grader, log: Logger): Promise<LivePreview> {
    const preview = new LivePreview(courseDir, grader, log);
    preview.watcher = watchCourse(courseDir, {
      onChange: (files) => {
        preview.handled = preview.handled.then(() => preview.changed(files));
      },
      onError: (error) => preview.failed(error),
    });
    await preview.watcher.ready;
    // Read after watching begins, so that a save in between is not missed.
    preview.problems = await findCourseProblems(courseDir);
    return preview;
  }

  /** `GET /api/preview/events`: a stream of CourseEvent, the first one at once. */
  readonly events = (req: Request, res: Response): void => {
    // Shutting down: a page asking now would hold the server open until the drain times out.
    if (this.closed) {
      res.status(204).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      // Reverse proxies such as nginx would otherwise hold events back.
      'X-Accel-Buffering': 'no',
    });
    this.pages.add(res);
    send(res, { files: [], problems: this.shown() });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    req.on('close', () => {
      clearInterval(keepAlive);
      this.pages.delete(res);
    });
  };

  /** Ends every open stream (pages reconnect to the next server) and stops watching. */
  async close(): Promise<void> {
    this.closed = true;
    for (const page of this.pages) page.end();
    this.pages.clear();
    await this.watcher?.close();
    await this.handled;
  }

  private async changed(files: string[]): Promise<void> {
    this.grader.reloadExercises();
    try {
      this.problems = await findCourseProblems(this.courseDir);
    } catch (error) {
      this.log.error({ err: error }, 'the live preview could not read the course');
      return;
    }
    this.log.info({ files, problems: this.problems.length }, 'course changed');
    this.tell(files);
  }

  private failed(error: Error): void {
    this.log.error({ err: error }, 'the live preview cannot watch the course');
    this.watchProblem = {
      file: 'lessons/',
      message: `the live preview stopped seeing saves (${error.message}); restart the server to see them again`,
    };
    this.tell([]);
  }

  private shown(): Problem[] {
    return this.watchProblem ? [this.watchProblem, ...this.problems] : this.problems;
  }

  private tell(files: string[]): void {
    for (const page of this.pages) send(page, { files, problems: this.shown() });
  }
}

function send(res: Response, event: CourseEvent): void {
  res.write(`event: course\ndata: ${JSON.stringify(event)}\n\n`);
}
