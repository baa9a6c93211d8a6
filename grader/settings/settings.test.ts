import { describe, expect, it } from 'vitest';
import { COMMANDS, environmentOf, SETTINGS, settingsOf } from './settings.ts';

const entries = Object.entries(SETTINGS);

describe('the settings table', () => {
  it('gives every setting an option or a variable, and every option a value name', () => {
    for (const [key, setting] of entries) {
      expect('flag' in setting || 'env' in setting, key).toBe(true);
      if (setting.kind !== 'switch' && 'flag' in setting) {
        expect('metavar' in setting, `${key} has --${setting.flag} without a value name`).toBe(
          true,
        );
      }
    }
  });

  it('names options in kebab case and variables in upper case, each once', () => {
    const flags = entries.flatMap(([, setting]) => ('flag' in setting ? [setting.flag] : []));
    const variables = entries.flatMap(([, setting]) => ('env' in setting ? [setting.env] : []));
    for (const flag of flags) expect(flag).toMatch(/^[a-z]+(-[a-z]+)*$/);
    for (const name of variables) expect(name).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
    expect(new Set(flags).size).toBe(flags.length);
    expect(new Set(variables).size).toBe(variables.length);
  });

  it('gives every command its settings, and only commands that exist', () => {
    for (const [key, setting] of entries) {
      expect(setting.commands.length, key).toBeGreaterThan(0);
      for (const command of setting.commands) expect(COMMANDS).toContain(command);
    }
    for (const command of COMMANDS) {
      if (command !== 'doctor') expect(settingsOf(command).length, command).toBeGreaterThan(1);
    }
  });

  it("lists a command's variables from its settings, and none of another command's", () => {
    expect(environmentOf('start')).toEqual(expect.arrayContaining(['PORT', 'KEYSPACE_COURSE']));
    expect(environmentOf('start')).not.toContain('KEYSPACE_METRICS_PORT');
    expect(environmentOf('worker')).toEqual(
      expect.arrayContaining(['REDIS_URL', 'KEYSPACE_WORKER_CONCURRENCY', 'KEYSPACE_COURSE']),
    );
    expect(environmentOf('worker')).not.toContain('PORT');
    expect(environmentOf('lint')).toEqual(['KEYSPACE_COURSE']);
  });

  it('holds each default to what a given value would have to be', () => {
    for (const [key, setting] of entries) {
      if (setting.kind !== 'value' || !('fallback' in setting)) continue;
      const value = setting.fallback();
      // A default the setting's own parser refuses would start a command nobody could configure.
      expect(setting.parse(String(value), key), key).toEqual(value);
    }
  });
});
