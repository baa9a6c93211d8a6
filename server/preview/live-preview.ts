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

  private constructor(
    private readonly courseDir: string,
    private readonly grader: Grader,
    private readonly log: Logger,
  ) {}

  static async start(courseDir: string, grader: Grader, log: Logger): Promise<LivePreview> {
    const preview = new LivePreview(courseDir, grader, log);
    preview.problems = await findCourseProblems(courseDir);
    preview.watcher = watchCourse(courseDir, (files) => {
      preview.handled = preview.handled.then(() => preview.changed(files));
    });
    await preview.watcher.ready;
    return preview;
  }

  /** `GET /api/preview/events`: a stream of CourseEvent, the first one at once. */
  readonly events = (req: Request, res: Response): void => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      // Reverse proxies such as nginx would otherwise hold events back.
      'X-Accel-Buffering': 'no',
    });
    this.pages.add(res);
    send(res, { files: [], problems: this.problems });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    req.on('close', () => {
      clearInterval(keepAlive);
      this.pages.delete(res);
    });
  };

  /** Ends every open stream (pages reconnect to the next server) and stops watching. */
  async close(): Promise<void> {
    for (const page of this.pages) page.end();
    this.pages.clear();
    await this.watcher?.close();
    await this.handled;
  }

  private async changed(files: string[]): Promise<void> {
    this.grader.forgetExercises();
    try {
      this.problems = await findCourseProblems(this.courseDir);
    } catch (error) {
      this.log.error({ err: error }, 'the live preview could not read the course');
      return;
    }
    this.log.info({ files, problems: this.problems.length }, 'course changed');
    for (const page of this.pages) send(page, { files, problems: this.problems });
  }
}

function send(res: Response, event: CourseEvent): void {
  res.write(`event: course\ndata: ${JSON.stringify(event)}\n\n`);
}
