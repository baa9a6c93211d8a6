import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, settingsOf } from './settings.ts';
import { commandUsage } from './usage.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

function help(command: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin/keyspace.js'), command, '--help'],
      (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
    );
  });
}

describe("each command's usage text", () => {
  it.concurrent.each(COMMANDS)(
    'keyspace %s --help lists every setting it reads',
    async (command) => {
      const { code, stdout } = await help(command);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: keyspace ${command}\\b`));
      for (const [key, setting] of settingsOf(command)) {
        if ('flag' in setting) expect(stdout, key).toContain(`  --${setting.flag}`);
        if ('env' in setting) expect(stdout, key).toMatch(new RegExp(`^  ${setting.env} `, 'm'));
      }
    },
  );

  it('says of each option its default, and the variable that sets it', () => {
    const usage = commandUsage('worker', { synopsis: ['keyspace worker'], about: 'Grades.' });
    const flat = usage.replace(/\s+/g, ' ');
    expect(flat).toContain(
      '--concurrency N gradings at once, each with its own worker process and sandbox redis-server (default: KEYSPACE_WORKER_CONCURRENCY, or four times the number of CPUs, up to 64)',
    );
    expect(flat).toContain('KEYSPACE_WORKER_CONCURRENCY the default of --concurrency');
    expect(flat).toContain("LOG_LEVEL pino's level (default: info)");
  });

  it.each(COMMANDS)('keeps the settings of %s within 96 columns', (command) => {
    const usage = commandUsage(command, { synopsis: [`keyspace ${command}`], about: '' });
    const wide = usage.split('\n').filter((line) => line.length > 96);
    expect(wide).toEqual([]);
  });
});
