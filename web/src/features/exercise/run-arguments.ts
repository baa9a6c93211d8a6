/** Stands for the learner's Redis client among a Run call's arguments (grader/runner/run-once.ts). */
export const CLIENT = '$redis';

/** One call of an exercise's Run, as exercise.md gives it. */
export interface RunCall {
  call: string;
  args: unknown[];
}

/** A call as the learner reads it: `getForecast(redis, "lisbon")`. */
export function describeCall(call: string, args: readonly unknown[]): string {
  return `${call}(${args.map((arg) => (arg === CLIENT ? 'redis' : show(arg))).join(', ')})`;
}

/** The arguments a learner may edit, the client's aside, as JSON: `"lisbon", 3`. */
export function editableText(args: readonly unknown[]): string {
  return args
    .filter((arg) => arg !== CLIENT)
    .map(show)
    .join(', ');
}

/**
 * The learner's text back into a call's arguments: JSON values separated by commas, the client
 * kept where the exercise has it. An error says what is wrong in the learner's terms.
 */
export function parseArguments(
  text: string,
  template: readonly unknown[],
): { args: unknown[] } | { error: string } {
  let values: unknown[];
  try {
    values = JSON.parse(`[${text}]`) as unknown[];
  } catch {
    return {
      error:
        'these are not JSON values separated by commas: quote text with double quotes ("lisbon"), write numbers as they are (3), objects as {"name": "Ada"}',
    };
  }
  if (values.includes(CLIENT)) {
    return { error: `"${CLIENT}" is the client, which Run passes where it belongs: leave it out` };
  }
  const args: unknown[] = [];
  let next = 0;
  for (const arg of template) {
    if (arg === CLIENT) args.push(CLIENT);
    else if (next < values.length) args.push(values[next++]);
  }
  args.push(...values.slice(next));
  return { args };
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
