import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli/exit-codes.ts';
import type { Environment } from './environment.ts';
import { readSettings } from './read-settings.ts';
import type { Command } from './settings.ts';

function settings<C extends Command>(command: C, argv: string[], environment: Environment = {}) {
  const read = readSettings(command, argv, environment);
  if (read.help) throw new Error('read --help');
  return read;
}

function problem(command: Command, argv: string[], environment: Environment = {}): string {
  try {
    readSettings(command, argv, environment);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('read without a problem');
}

describe('readSettings', () => {
  it('takes the option over the environment variable, and that over the default', () => {
    expect(settings('start', ['--port', '4000'], { PORT: '5000' }).settings.port).toBe(4000);
    expect(settings('start', [], { PORT: '5000' }).settings.port).toBe(5000);
    expect(settings('start', []).settings.port).toBe(3000);
    expect(settings('worker', [], { KEYSPACE_METRICS_PORT: '9464' }).settings.metricsPort).toBe(
      9464,
    );
    expect(settings('worker', []).settings.metricsPort).toBeUndefined();
  });

  it('says how each setting not left to its default was given', () => {
    const { givenBy } = settings('start', ['--host', '0.0.0.0'], { KEYSPACE_COURSE: 'course' });
    expect(Object.fromEntries(givenBy)).toEqual({ host: 'option', course: 'environment' });
  });

  it('takes an empty variable for an unset one, as Compose hands one its operator left unset', () => {
    expect(settings('start', [], { PORT: '', LOG_LEVEL: '' }).settings).toMatchObject({
      port: 3000,
      logLevel: 'info',
    });
  });

  it('names the option or the variable a bad value came from, and what it takes', () => {
    expect(problem('start', ['--port', 'abc'])).toBe(
      "--port must be a whole number from 0 to 65535, not 'abc'",
    );
    expect(problem('start', [], { PORT: '70000' })).toBe(
      "PORT must be a whole number from 0 to 65535, not '70000'",
    );
    expect(problem('start', [], { KEYSPACE_GRADING: 'queued' })).toBe(
      "KEYSPACE_GRADING must be 'inline' or 'queue', not 'queued'",
    );
    expect(problem('start', [], { KEYSPACE_INSTRUCTOR_TOKEN: 'short' })).toMatch(
      /^KEYSPACE_INSTRUCTOR_TOKEN must be at least 16 visible ASCII characters/,
    );
    expect(problem('grade', ['--report', 'junit'])).toBe(
      "--report takes FORMAT=PATH (e.g. --report junit=reports/junit.xml), not 'junit'",
    );
    expect(problem('new', ['--title', 'two\nlines'])).toBe('--title must be one line of text');
  });

  it('lists every bad setting at once, one a line', () => {
    expect(
      problem('worker', ['--concurrency', '0'], { LOG_LEVEL: 'loud', KEYSPACE_METRICS_PORT: 'x' }),
    ).toBe(
      [
        '3 settings are wrong:',
        "  --concurrency must be a whole number from 1 to 64, not '0'",
        "  KEYSPACE_METRICS_PORT must be a whole number from 0 to 65535, not 'x'",
        "  LOG_LEVEL must be 'fatal', 'error', 'warn', 'info', 'debug', 'trace' or 'silent', not 'loud'",
      ].join('\n'),
    );
  });

  it('lets a good option stand in for a bad variable', () => {
    expect(settings('start', ['--port', '0'], { PORT: 'abc' }).settings.port).toBe(0);
  });

  it('answers --help whatever the other settings say', () => {
    expect(readSettings('start', ['--help'], { PORT: 'abc' })).toEqual({ help: true });
  });

  it('reads switches, repeated options and arguments', () => {
    const grade = settings('grade', ['ex', 'a.ts', '--report', 'tap=t', '--report', 'json=j']);
    expect(grade.positionals).toEqual(['ex', 'a.ts']);
    expect(grade.settings.report).toEqual([
      { format: 'tap', path: 't' },
      { format: 'json', path: 'j' },
    ]);
    expect(settings('start', ['--watch']).settings.watch).toBe(true);
    expect(settings('start', []).settings.watch).toBe(false);
  });

  it('refuses an option of another command, and arguments a command takes none of', () => {
    expect(() => readSettings('start', ['--metrics-port', '9464'], {})).toThrow(
      expect.objectContaining({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }),
    );
    expect(() => readSettings('worker', ['extra'], {})).toThrow(
      expect.objectContaining({ code: 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' }),
    );
  });

  it('reads no variable of another command', () => {
    expect(settings('grade', [], { PORT: 'abc' }).settings).not.toHaveProperty('port');
  });
});
