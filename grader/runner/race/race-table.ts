import { show } from '../../checks/expect.ts';
import type { RaceStep } from './race-scheduler.ts';

/** How one call of a race ended, as verify receives it. */
export type RacerOutcome = { returned: unknown; threw?: undefined } | { threw: string };

const SHOWN_STEPS = 40;
const COMMAND_WIDTH = 64;
const REPLY_WIDTH = 40;
const SHOWN_ARGS = 4;
const ARG_WIDTH = 24;

/** `#2 transfer(a→c)`: how the table names a call. */
export function racerName(labels: readonly string[], racer: number): string {
  return `#${racer + 1} ${labels[racer] ?? ''}`;
}

/**
 * Whether the calls ran one after another: each racer's steps came together, none of them
 * waiting in Redis (blocked) while another racer stepped.
 */
export function isSerial(steps: readonly RaceStep[]): boolean {
  const seen = new Set<number>();
  let current: number | undefined;
  for (const { racer, commands, reply, answeredAfter } of steps) {
    if (answeredAfter !== undefined || (commands && !reply)) return false;
    if (racer === current) continue;
    if (seen.has(racer)) return false;
    seen.add(racer);
    current = racer;
  }
  return true;
}

/** The order the racers first took a step in, then those that took none. */
export function serialOrder(steps: readonly RaceStep[], racers: number): number[] {
  const order = [...new Set(steps.map(({ racer }) => racer))];
  for (let racer = 0; racer < racers; racer++) if (!order.includes(racer)) order.push(racer);
  return order;
}

/**
 * The interleaving as a plain-text table: step, call, command, what Redis answered; then how
 * each call ended.
 */
export function interleavingTable(
  steps: readonly RaceStep[],
  labels: readonly string[],
  outcomes: readonly (RacerOutcome | undefined)[],
): string {
  const rows = steps
    .slice(0, SHOWN_STEPS)
    .map((step, index) => [
      String(index + 1),
      racerName(labels, step.racer),
      clip(describeStep(step), COMMAND_WIDTH),
      clip(describeReply(step), REPLY_WIDTH),
    ]);
  const header = ['step', 'call', 'command', 'Redis answered'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padStart(widths[0] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const lines = [line(header), ...rows.map(line)];
  if (steps.length > SHOWN_STEPS) lines.push(`… ${steps.length - SHOWN_STEPS} more steps`);
  lines.push(
    ...outcomes.map((outcome, racer) => `${racerName(labels, racer)} ${describeOutcome(outcome)}`),
  );
  return lines.join('\n');
}

function describeOutcome(outcome: RacerOutcome | undefined): string {
  if (!outcome) return 'did not finish';
  return outcome.threw !== undefined
    ? `threw: ${outcome.threw}`
    : `returned ${show(outcome.returned)}`;
}

function describeStep(step: RaceStep): string {
  if (step.timerMs !== undefined) return `(a timer of ${step.timerMs} ms fires)`;
  const commands = step.commands ?? [];
  const batched = commands.length > 1 || commands[0]?.batch !== undefined;
  const text = commands
    .map(({ name, args }) => {
      const shown = args.slice(0, SHOWN_ARGS).map((arg) => clip(arg, ARG_WIDTH));
      if (args.length > SHOWN_ARGS) shown.push('…');
      return [name.toUpperCase(), ...shown].join(' ');
    })
    .join('; ');
  return batched && commands[0]?.name !== 'multi' ? `pipeline: ${text}` : text;
}

function describeReply(step: RaceStep): string {
  if (!step.reply) return step.timerMs === undefined ? '(still blocked)' : '';
  const text =
    'error' in step.reply
      ? `(error) ${step.reply.error}`
      : describeValue(step.reply.value, step.commands?.[0]?.batch !== undefined);
  return step.answeredAfter === undefined
    ? text
    : `blocked until step ${step.answeredAfter}: ${text}`;
}

/** A reply the way redis-cli would hint at it, in one short line. */
function describeValue(value: unknown, batch: boolean): string {
  if (value === null || value === undefined) return '(nil)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (value instanceof Error) return `(error) ${value.message}`;
  if (Array.isArray(value)) {
    // A pipeline's or transaction's replies come from ioredis as [error, value] pairs.
    const items = batch
      ? value.map((pair) => {
          const [error, item] = pair as [Error | null, unknown];
          return error ? `(error) ${error.message}` : describeValue(item, false);
        })
      : value.map((item) => describeValue(item, false));
    return `[${items.join(', ')}]`;
  }
  return String(value);
}

function clip(text: string, width: number): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > width ? `${oneLine.slice(0, width - 1)}…` : oneLine;
}
