import { setTimeout as sleep } from 'node:timers/promises';
import { LearnerClient } from '../../server/test/learner-client.ts';
import type { CourseMaterial, ExerciseMaterial } from './course-material.ts';
import { PACES, type PaceName, type Pause } from './pace.ts';
import { type Endpoint, FIRST_CONSOLE, type Recorder } from './recorder.ts';

export interface LearnerOptions {
  /** Numbers the learner: its address, and the seed of its choices (the same in every mode). */
  index: number;
  /** The app, e.g. http://127.0.0.1:4321. */
  url: string;
  material: CourseMaterial;
  recorder: Recorder;
  /** performance.now() after which the learner starts nothing new. */
  until: number;
  /** How long the learner pauses before each action (see pace.ts). */
  pace: PaceName;
  /** How often a Submit answered 202 asks for its result. */
  pollMs: number;
}

interface Answer {
  status: number;
  text: string;
}

/** Longest a Submit may take, polls included, before it counts as an error. */
const SUBMIT_DEADLINE_MS = 120_000;

/** mulberry32: small, fast and seedable, so that each mode sees the same learners' choices. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A JSON body, or undefined for one that is not (a broken answer, then recorded as such). */
function parse<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** `{ error, message }` of an error answer, shortened, so that like failures count together. */
function describe(status: number, text: string): string {
  const body = parse<{ error?: string; message?: string }>(text);
  const said = body ? [body.error, body.message].filter(Boolean).join(': ') : text;
  return `${status} ${said.replace(/[0-9a-f-]{36}/g, '<id>').slice(0, 120)}`;
}

/** One action of an exercise, and what the learner does before it. */
interface Step {
  pause: Pause;
  act: () => Promise<unknown>;
}

/**
 * One simulated learner, as the web app would send their requests: the course map, then
 * exercise after exercise, each with its lesson page, two of the lesson's console blocks, a draft
 * saved, a Run and a Submit of wrong code, then of the solution; pausing before each.
 */
export class Learner {
  private readonly client: LearnerClient;
  private readonly random: () => number;
  /**
   * X-Forwarded-For, believed from loopback (TRUST_PROXY): each learner an address of its own, as
   * real learners come from many, since the server counts new learners per address.
   */
  private readonly headers: Record<string, string>;
  private hasSandbox = false;

  constructor(private readonly options: LearnerOptions) {
    const { index, url } = options;
    this.client = new LearnerClient(`${url}/api`);
    this.random = seeded(index + 1);
    this.headers = {
      'X-Forwarded-For': `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
    };
  }

  async run(): Promise<void> {
    const { exercises } = this.options.material;
    // The course map page. The first request alone gets the learner cookie (in a browser,
    // index.html does), so that the page's requests sent together all come from one learner.
    await this.call('GET /api/course', 'GET', '/course');
    await this.call('GET /api/progress', 'GET', '/progress');
    let next = Math.floor(this.random() * exercises.length);
    let first = true;
    for (;;) {
      const steps = this.steps(exercises[next % exercises.length] as ExerciseMaterial);
      next += 1;
      const from =
        first && PACES[this.options.pace].startAnywhere ? this.random() * steps.length : 0;
      first = false;
      for (const { pause, act } of steps.slice(Math.floor(from))) {
        if (!(await this.pause(pause))) return;
        await act();
      }
    }
  }

  /** One exercise, from its lesson page to a passing Submit. */
  private steps(exercise: ExerciseMaterial): Step[] {
    const { id } = exercise;
    const blocks = this.options.material.blocks.get(exercise.lesson) ?? ['PING\n'];
    const wrong = this.pick(exercise.wrong);
    const attempt = (source: string, kind: 'wrong' | 'solution'): Step[] => [
      {
        pause: 'type',
        act: () =>
          this.call('PUT /api/exercises/:id/draft', 'PUT', `/exercises/${id}/draft`, { source }),
      },
      { pause: 'look', act: () => this.runCode(id, source, kind) },
      { pause: 'look', act: () => this.submit(id, source, kind) },
    ];
    return [
      { pause: 'look', act: () => this.openLesson(exercise) },
      { pause: 'read', act: () => this.console(this.pick(blocks)) },
      { pause: 'look', act: () => this.console(this.pick(blocks)) },
      ...attempt(wrong, 'wrong'),
      ...attempt(exercise.solution, 'solution'),
    ];
  }

  /** The lesson page with its exercise: the requests the page sends together. */
  private async openLesson({ id, lesson }: ExerciseMaterial) {
    await Promise.all([
      this.call('GET /api/lessons/:id', 'GET', `/lessons/${lesson}`),
      this.call(
        'POST /api/lessons/:id/visits',
        'POST',
        `/lessons/${lesson}/visits`,
        undefined,
        [204],
      ),
      this.call('GET /api/exercises/:id', 'GET', `/exercises/${id}`),
      this.call('GET /api/exercises/:id/draft', 'GET', `/exercises/${id}/draft`),
    ]);
  }

  private async console(commands: string) {
    const row = this.hasSandbox ? 'POST /api/console/commands' : FIRST_CONSOLE;
    this.hasSandbox = true;
    await this.call(row, 'POST', '/console/commands', { commands });
  }

  private async runCode(exercise: string, source: string, kind: 'wrong' | 'solution') {
    const started = performance.now();
    const answer = await this.call('POST /api/console/runs', 'POST', '/console/runs', {
      exercise,
      source,
    });
    if (!answer) return;
    const result = parse<{
      status: string;
      durationMs?: number;
      message?: string;
      calls?: { error?: string }[];
    }>(answer.text);
    this.options.recorder.worked(
      'Run',
      started,
      performance.now() - started,
      result?.durationMs ?? 0,
    );
    const status = result?.status ?? 'not JSON';
    // A solution's Run should be ok: when it is not, which exercise and why, to look into.
    const reason = result?.message ?? result?.calls?.find((call) => call.error)?.error;
    const why =
      kind === 'solution' && status !== 'ok'
        ? ` (${exercise}${reason ? `: ${reason.slice(0, 100)}` : ''})`
        : '';
    this.options.recorder.outcome(`Run of ${kind} code: ${status}${why}`);
  }

  /** Submit, timed to its result: the POST, and in queue mode the polls after a 202. */
  private async submit(exercise: string, source: string, kind: 'wrong' | 'solution') {
    const { recorder, pollMs } = this.options;
    const started = performance.now();
    const done = (failure?: string) =>
      recorder.record(
        'POST /api/exercises/:id/submissions',
        started,
        performance.now() - started,
        failure,
      );
    let answer: Answer;
    try {
      answer = await this.send('POST', `/exercises/${exercise}/submissions`, { source });
    } catch (error) {
      return done(`no answer: ${(error as Error).message}`);
    }
    if (answer.status === 202) recorder.accepted += 1;
    while (answer.status === 202) {
      if (performance.now() - started > SUBMIT_DEADLINE_MS) return done('never graded');
      const poll = parse<{ poll: string }>(answer.text)?.poll;
      if (!poll) return done(`202 without a poll address: ${answer.text.slice(0, 100)}`);
      await sleep(pollMs);
      const polled = await this.call(
        'GET /api/gradings/:id',
        'GET',
        poll.replace(/^\/api/, ''),
        undefined,
        [200, 202],
      );
      if (!polled) return done('a poll failed');
      answer = polled;
    }
    if (answer.status !== 200) return done(describe(answer.status, answer.text));
    const result = parse<{
      result: {
        status: string;
        message?: string;
        durationMs?: number;
        checks?: { status: string; message?: string }[];
      };
    }>(answer.text)?.result;
    if (!result) return done(`the result is not JSON: ${answer.text.slice(0, 100)}`);
    recorder.worked('Submit', started, performance.now() - started, result.durationMs ?? 0);
    recorder.outcome(`Submit of ${kind} code: ${result.status}`);
    const passed = result.status === 'pass';
    if (passed === (kind === 'solution')) return done();
    const why = result.message ?? result.checks?.find((check) => check.status !== 'pass')?.message;
    done(`${kind} code graded ${result.status}${why ? `: ${why.slice(0, 100)}` : ''}`);
  }

  /** A request timed and recorded; undefined when it failed (recorded as an error). */
  private async call(
    row: Endpoint | typeof FIRST_CONSOLE,
    method: string,
    path: string,
    body?: unknown,
    expected = [200],
  ): Promise<Answer | undefined> {
    const started = performance.now();
    let failure: string | undefined;
    let answer: Answer | undefined;
    try {
      answer = await this.send(method, path, body);
      if (!expected.includes(answer.status)) failure = describe(answer.status, answer.text);
    } catch (error) {
      failure = `no answer: ${(error as Error).message}`;
    }
    this.options.recorder.record(row, started, performance.now() - started, failure);
    return failure ? undefined : answer;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Answer> {
    const response = await this.client.request(method, path, body, { headers: this.headers });
    return { status: response.status, text: await response.text() };
  }

  /** Waits a pause of the learner's pace; false when the run is over by then. */
  private async pause(pause: Pause): Promise<boolean> {
    const [min, max] = PACES[this.options.pace].pauses[pause];
    const ms = min + this.random() * (max - min);
    // A pause that would outlast the run ends with it: a person's pauses are long.
    const left = this.options.until - performance.now();
    await sleep(Math.max(0, Math.min(ms, left)));
    return ms < left;
  }

  private pick<T>(items: T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }
}
