import { setTimeout as sleep } from 'node:timers/promises';
import { LearnerClient } from '../../server/test/learner-client.ts';

/**
 * How long an attacker waits for one answer. Long, so that a stopped attack has nothing left
 * that the app is still working on when the next phase starts.
 */
const ANSWER_MS = 120_000;

export interface Answer {
  status: number;
  text: string;
}

export interface Tallied {
  what: string;
  times: number;
  meanMs: number;
}

/** What the attackers of one attack were answered, by kind ("503 sandboxes_full", …). */
export class Tally {
  private readonly kinds = new Map<string, { times: number; ms: number }>();

  add(what: string, ms = 0) {
    const kind = this.kinds.get(what) ?? { times: 0, ms: 0 };
    kind.times += 1;
    kind.ms += ms;
    this.kinds.set(what, kind);
  }

  /** Most frequent first. */
  entries(): Tallied[] {
    return [...this.kinds]
      .map(([what, { times, ms }]) => ({ what, times, meanMs: ms / times }))
      .sort((a, b) => b.times - a.times);
  }
}

/** A JSON body, or undefined for one that is not (an image's bytes, a broken answer). */
export function parse<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

interface Said {
  /** A Submit's answer holds its result here, beside the progress. */
  result?: Said;
  error?: string;
  status?: string;
  message?: string;
  note?: string;
  output?: string;
  calls?: { returned?: string; error?: string }[];
  checks?: { status: string; message?: string }[];
}

/** Ids and timings vary from answer to answer: without them, like answers count together. */
const short = (text: string) =>
  text
    .replace(/[0-9a-f-]{36}/g, '<id>')
    .replace(/\d+(\.\d+)? ?ms\b/g, 'N ms')
    .replace(/\s+/g, ' ')
    .slice(0, 200);

/** An answer in a few words: its status, and the error, verdict or note it carries. */
export function describe(status: number, text: string): string {
  const answer = parse<Said>(text);
  if (!answer || typeof answer !== 'object') return String(status);
  const body = answer.result ?? answer;
  if (body.error) return `${status} ${body.error}`;
  if (body.status) {
    // A Run's or a Submit's result: what stopped the code, or what it returned.
    const why =
      body.message ??
      body.calls?.find((call) => call.error)?.error ??
      body.checks?.find((check) => check.status !== 'pass')?.message ??
      body.calls?.[0]?.returned;
    return `${status} ${body.status}${why ? `: ${short(why)}` : ''}`;
  }
  if (body.note) return `${status} note: ${short(body.note)}`;
  if (body.output !== undefined)
    return `${status} printed: ${short(body.output.split('\n')[0] ?? '')}`;
  return String(status);
}

/**
 * One attacking learner: a cookie of its own, an address of its own (X-Forwarded-For, believed
 * from loopback), every answer tallied. It never throws: an attacker's failure is data.
 */
export class Attacker {
  private readonly client: LearnerClient;

  constructor(
    url: string,
    private readonly address: string,
    private readonly tally: Tally,
  ) {
    this.client = new LearnerClient(`${url}/api`);
  }

  /** A request; `label` names its kind in the tally ("spins: 200 error: …"). */
  async send(
    method: string,
    path: string,
    body?: unknown,
    label?: string,
  ): Promise<Answer | undefined> {
    const started = performance.now();
    const tally = (what: string) =>
      this.tally.add(label ? `${label}: ${what}` : what, performance.now() - started);
    try {
      const response = await this.client.request(method, path, body, {
        headers: { 'X-Forwarded-For': this.address },
        signal: AbortSignal.timeout(ANSWER_MS),
      });
      const text = await response.text();
      tally(describe(response.status, text));
      return { status: response.status, text };
    } catch (error) {
      tally(`no answer: ${(error as Error).message}`);
      return undefined;
    }
  }
}

/**
 * A gate that opens at most `perMinute` times a minute, until `signal` aborts (then false). Set
 * to the app's own limit for the request: the attacker goes as fast as that limit lets it, all
 * the phase long, rather than spending its allowance in the first seconds.
 */
export function pacer(perMinute: number, signal: AbortSignal): () => Promise<boolean> {
  const gap = 60_000 / perMinute;
  let next = performance.now();
  return async () => {
    const wait = next - performance.now();
    if (wait > 0) await pause(wait, signal);
    // No catching up after a slow answer: a burst would only meet 429s.
    next = Math.max(next, performance.now()) + gap;
    return !signal.aborted;
  };
}

/** Waits `ms`, or less once `signal` aborts; never throws. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).catch(() => {});
}

/** Runs an attacker's loop; a fault in the bench's own code is tallied, never thrown. */
export async function safely(tally: Tally, loop: () => Promise<void>): Promise<void> {
  try {
    await loop();
  } catch (error) {
    tally.add(`bench fault: ${(error as Error).message}`);
  }
}

/** What `run` is given and does, for every attack. */
export interface Attack {
  /** One line: who attacks, from where, doing what. */
  summary: string;
  /** What the attackers were answered. */
  tally: Tally;
  /** Set-up before the phase's warm-up, not measured (storing the values to be read…). */
  prepare?: () => Promise<void>;
  /** Attacks until `signal` aborts, then resolves once every request it sent is answered. */
  run: (signal: AbortSignal) => Promise<void>;
}
