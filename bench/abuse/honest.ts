import { LearnerClient } from '../../server/test/learner-client.ts';
import { type Answer, describe, parse, pause } from './attacker.ts';
import type { HonestEndpoint, HonestWindows, Outcome } from './honest-record.ts';

/** Between two cycles: under every per-learner limit (24 Submits a minute at most, of 30). */
const THINK_MS: [number, number] = [2_500, 3_000];
/** An answer slower than this counts as none: a learner has given up by then. */
const ANSWER_MS = 60_000;
const COMMANDS = 'SET greeting hello\nGET greeting';

export interface HonestOptions {
  /** Numbers the learner: its address is 10.0.0.<index + 1>. */
  index: number;
  url: string;
  exercise: string;
  lesson: string;
  solution: string;
  /** Where each request is recorded, in the windows it overlaps. */
  windows: HonestWindows;
}

/** What a right answer looks like, per endpoint; undefined when it is one. */
type Check = (answer: Answer) => string | undefined;

const anything: Check = () => undefined;
const greeted: Check = ({ text }) => {
  const reply = parse<{ output?: string; note?: string }>(text);
  return reply?.output?.includes('"hello"') ? undefined : describe(200, text);
};
/** A Run's result, which must be `want` for the solution. */
const resultIs =
  (want: string): Check =>
  ({ text }) =>
    parse<{ status?: string }>(text)?.status === want ? undefined : describe(200, text);
/** A Submit's result, beside the progress in its answer, which must be `want` for the solution. */
const gradedAs =
  (want: string): Check =>
  ({ text }) =>
    parse<{ result?: { status?: string } }>(text)?.result?.status === want
      ? undefined
      : describe(200, text);

function outcomeOf(status: number, failure: string | undefined): Outcome {
  if (status >= 500) return 'error';
  if (status === 429) return 'limited';
  return failure ? 'other' : 'ok';
}

/**
 * One learner working as a person would, from an address of their own with their own cookie: the
 * lesson page, the lesson's console commands, Run and Submit of the solution, then a pause.
 */
export class HonestLearner {
  private readonly client: LearnerClient;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: HonestOptions) {
    this.client = new LearnerClient(`${options.url}/api`);
    this.headers = { 'X-Forwarded-For': `10.0.0.${options.index + 1}` };
  }

  async run(signal: AbortSignal): Promise<void> {
    const { exercise, lesson, solution } = this.options;
    // Learners do not all start together, or their requests would come in waves.
    await pause(this.options.index * 700, signal);
    while (!signal.aborted) {
      await this.call('GET /api/lessons/:id', 'GET', `/lessons/${lesson}`, undefined, anything);
      const commands = { commands: COMMANDS };
      await this.call('POST /api/console/commands', 'POST', '/console/commands', commands, greeted);
      const run = { exercise, source: solution };
      await this.call('POST /api/console/runs', 'POST', '/console/runs', run, resultIs('ok'));
      await this.call(
        'POST /api/exercises/:id/submissions',
        'POST',
        `/exercises/${exercise}/submissions`,
        { source: solution },
        gradedAs('pass'),
      );
      const [min, max] = THINK_MS;
      await pause(min + Math.random() * (max - min), signal);
    }
  }

  /** A request, timed and recorded in every measured window it overlaps. */
  private async call(
    endpoint: HonestEndpoint,
    method: string,
    path: string,
    body: unknown,
    check: Check,
  ): Promise<void> {
    const started = performance.now();
    let outcome: Outcome;
    let failure: string | undefined;
    try {
      const response = await this.client.request(method, path, body, {
        headers: this.headers,
        signal: AbortSignal.timeout(ANSWER_MS),
      });
      const answer = { status: response.status, text: await response.text() };
      if (answer.status === 200) failure = check(answer);
      else failure = describe(answer.status, answer.text);
      outcome = outcomeOf(answer.status, failure);
    } catch (error) {
      outcome = 'error';
      failure = `no answer: ${(error as Error).message}`;
    }
    this.options.windows.record(endpoint, started, performance.now(), outcome, failure);
  }
}
