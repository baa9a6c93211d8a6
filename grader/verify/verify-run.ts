import { ContentError } from '../errors.ts';
import type { Grader } from '../grader.ts';
import type { SandboxServer } from '../redis/sandbox-server.ts';
import { resetSandbox } from '../runner/reset-sandbox.ts';
import type { RunOnceResult } from '../runner/run-once.ts';
import { connectTrusted } from '../runner/sandbox-connections.ts';
import type { Problem } from './verify-exercise.ts';

/** What a call shows when it found nothing: `null`, or an empty string, list, object, map or set. */
const NOTHING = new Set(['null', 'undefined', "''", '[]', '{}', 'Map(0) {}', 'Set(0) {}']);

/**
 * Run (`run:` and `setup:` in exercise.md) with the reference solution, as a learner who presses
 * Run twice meets it: in an emptied sandbox, then again over what the first Run left. Either Run
 * must call every export it names, throw nothing, and show something: a Run whose every call
 * comes back empty, or that throws, tells a learner with right code that it is wrong.
 */
export async function verifyRunScenario(
  grader: Grader,
  sandbox: SandboxServer,
  id: string,
): Promise<Problem[]> {
  let exercise: Awaited<ReturnType<Grader['exercise']>>;
  try {
    exercise = await grader.exercise(id);
  } catch (error) {
    // verifyExercise reports it.
    if (error instanceof ContentError) return [];
    throw error;
  }
  const trusted = connectTrusted(sandbox.address);
  try {
    await resetSandbox(trusted);
  } finally {
    trusted.disconnect();
  }
  const file = `exercises/${id}/exercise.md`;
  const problems: Problem[] = [];
  for (const which of ['first', 'second'] as const) {
    const ran = await grader.runOnce(id, exercise.solution, sandbox.address);
    const missing = ran.calls.filter((call) => call.reason === 'missing-export');
    if (missing.length > 0) {
      return missing.map((call) => ({
        file,
        message: `run: calls ${call.call}, which the reference solution does not export`,
      }));
    }
    const problem = runProblem(ran);
    if (problem) {
      const when = which === 'first' ? 'in an empty Redis' : 'a second time in a row';
      const message = `Run of the reference solution ${when} ${problem}`;
      // What the solution threw, at its line: a missing fixture it reads, say.
      const thrown = ran.calls.find((call) => call.location)?.location ?? ran.location;
      problems.push(
        thrown
          ? { file: `exercises/${id}/solution.ts`, line: thrown.line, message }
          : { file, message },
      );
      break;
    }
  }
  return problems;
}

/** What is wrong with a Run of the reference solution, if anything. */
function runProblem(ran: RunOnceResult): string | undefined {
  if (ran.message !== undefined) return `stopped: ${ran.message}`;
  const thrown = ran.calls.find((call) => call.error !== undefined);
  if (thrown) {
    return `throws in ${thrown.call}: ${thrown.error}; give its calls the data they need with setup: in exercise.md, and the files they read in fixtures/ (see AUTHORING.md)`;
  }
  if (ran.calls.every((call) => NOTHING.has(call.returned ?? 'undefined'))) {
    const shown = ran.calls.map((call) => `${call.call} → ${call.returned}`).join(', ');
    return `shows only empty results (${shown}): store the data its calls read with setup:, or call something that answers (see AUTHORING.md)`;
  }
  return undefined;
}
