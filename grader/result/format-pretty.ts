import { styleText } from 'node:util';
import {
  type CheckResult,
  type GradeResult,
  place,
  type RedisActivity,
  type Status,
} from './grade-result.ts';

type Paint = (style: 'green' | 'red' | 'yellow' | 'dim' | 'bold', text: string) => string;

const MARK: Record<Status, string> = { pass: '✓', fail: '✗', error: '!' };
const COLOR = { pass: 'green', fail: 'red', error: 'yellow' } as const;

/**
 * A result for a person at a terminal, under the file's name when it is given. Learner text is
 * escaped: it can never drive the terminal.
 */
export function formatPretty(
  result: GradeResult,
  { color = false, file }: { color?: boolean; file?: string } = {},
): string {
  const paint: Paint = color ? (style, text) => styleText(style, text) : (_, text) => text;
  const passed = result.checks.filter((check) => check.status === 'pass').length;
  const points = result.score ? `, ${result.score.points} of ${result.score.of} points` : '';
  const lines = [
    `${paint('bold', result.exercise)}${file ? ` (${safe(file)})` : ''}: ${paint(COLOR[result.status], result.status.toUpperCase())}` +
      paint(
        'dim',
        ` (${passed} of ${result.checks.length} checks passed${points}, ${Math.round(result.durationMs)} ms)`,
      ),
  ];
  if (result.message) lines.push(...indent(safe(result.message), '  '));
  // A compile error's message starts with its place already.
  if (result.location && !result.message?.startsWith(place(result.location))) {
    lines.push(paint('dim', `  at ${safe(place(result.location))}`));
  }
  for (const check of result.checks) lines.push(...formatCheck(check, paint));
  return `${lines.join('\n')}\n`;
}

function formatCheck(check: CheckResult, paint: Paint): string[] {
  const lines = [`  ${paint(COLOR[check.status], MARK[check.status])} ${safe(check.name)}`];
  if (check.status === 'pass') return lines;
  if (check.message) lines.push(...indent(safe(check.message), '      '));
  if (check.location) lines.push(paint('dim', `      at ${safe(place(check.location))}`));
  if (check.expected !== undefined) lines.push(`      expected: ${safe(check.expected)}`);
  if (check.actual !== undefined) lines.push(`      actual:   ${safe(check.actual)}`);
  if (check.output) {
    lines.push(paint('dim', '      output:'), ...indent(safe(check.output.trimEnd()), '      | '));
  }
  if (check.redis) lines.push(...formatActivity(check.redis, paint));
  return lines;
}

/** What the code sent, each command with its line, and the keys before and after. */
function formatActivity(
  { commands, moreCommands, keys, moreKeys }: RedisActivity,
  paint: Paint,
): string[] {
  const lines = [paint('dim', '      sent to Redis:')];
  if (commands.length === 0) lines.push('        nothing');
  for (const { command, location } of commands) {
    lines.push(
      `        ${safe(command)}${location ? paint('dim', `  (line ${location.line})`) : ''}`,
    );
  }
  if (moreCommands) lines.push(paint('dim', `        …and ${moreCommands} more`));
  if (!keys) return lines;
  lines.push(paint('dim', '      keys before your code ran → when the check ended:'));
  if (keys.length === 0) lines.push('        none');
  for (const { key, before = '(none)', after = '(none)' } of keys) {
    const mark = before === after ? ' ' : '*';
    lines.push(`      ${mark} ${safe(key)}: ${safe(before)} → ${safe(after)}`);
  }
  if (moreKeys) lines.push(paint('dim', `        …and ${moreKeys} more`));
  return lines;
}

function indent(text: string, prefix: string): string[] {
  return text.split('\n').map((line) => prefix + line);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Control characters (ANSI escapes among them) shown as \x.. instead of being obeyed. */
export function safe(text: string): string {
  return text.replace(CONTROL, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
