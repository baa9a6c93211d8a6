// What crosses a process boundary in place of a thrown error: a worker process answering the
// grader, a queue worker answering the app. Both sides of both crossings use these two functions.
import type { ErrorCode } from './error-catalogue.ts';
import { ContentError, type ContentLocation, GraderError } from './errors.ts';

/** An error as data: plain JSON, so that it survives structured cloning and BullMQ alike. */
export interface OutcomeError {
  code: ErrorCode;
  /** For a content error, its detail: the location travels apart. */
  message: string;
  location?: ContentLocation;
}

export type Outcome<T> = { ok: true; result: T } | { ok: false; error: OutcomeError };

/**
 * The result of `work`, or the content error it threw, as data. Only the exercise's faults are:
 * trying again would not mend them. The system's (a lost worker, a lost Redis) are thrown, for
 * the caller to report or retry.
 */
export async function outcomeOf<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, result: await work() };
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    const { code, detail, location } = error;
    return { ok: false, error: { code, message: detail, ...(location && { location }) } };
  }
}

/** The result an outcome carries; its error, made an error again, thrown. */
export function resultOf<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.result;
  throw errorFromOutcome(outcome.error);
}

function errorFromOutcome({ code, message, location }: OutcomeError): GraderError {
  if (code === 'broken_content') return new ContentError(message, location);
  return new GraderError(message, { code });
}
