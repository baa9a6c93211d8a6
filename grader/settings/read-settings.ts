import { parseArgs } from 'node:util';
import { UsageError } from '../cli/exit-codes.ts';
import { type Environment, environmentVariable } from './environment.ts';
import {
  type Command,
  type CommandSettings,
  type EnvironmentName,
  type Setting,
  type SettingKey,
  settingsOf,
  WITH_ARGUMENTS,
} from './settings.ts';

/** Where a setting's value came from, when not from its default. */
export type Source = 'option' | 'environment';

/** A command line as read: `--help`, or the command's settings and arguments. */
export type CommandLine<C extends Command> =
  | { help: true }
  | {
      help: false;
      settings: CommandSettings<C>;
      /** The arguments besides the options. */
      positionals: string[];
      /** How each setting not left to its default was given. */
      givenBy: ReadonlyMap<SettingKey, Source>;
    };

/**
 * Reads a command's settings from its arguments and the environment, as the settings table says:
 * the option wins over the environment variable, which wins over the default. Every setting is
 * read before any problem is reported, so that all of them are reported at once.
 */
export function readSettings<C extends Command>(
  command: C,
  argv: readonly string[],
  environment?: Environment,
): CommandLine<C> {
  const taken = settingsOf(command);
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      help: { type: 'boolean' },
      ...Object.fromEntries(
        taken.flatMap(([, setting]) =>
          setting.flag
            ? [
                [
                  setting.flag,
                  {
                    type: setting.kind === 'switch' ? 'boolean' : 'string',
                    multiple: setting.kind === 'list',
                  } as const,
                ],
              ]
            : [],
        ),
      ),
    },
    allowPositionals: WITH_ARGUMENTS.includes(command),
  });
  if (values.help) return { help: true };
  const settings: Record<string, unknown> = {};
  const givenBy = new Map<SettingKey, Source>();
  const problems: string[] = [];
  for (const [key, setting] of taken) {
    try {
      const read = readSetting(setting, values, environment);
      settings[key] = read.value;
      if (read.source) givenBy.set(key, read.source);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 1) {
    throw new UsageError(`${problems.length} settings are wrong:\n  ${problems.join('\n  ')}`);
  }
  if (problems[0] !== undefined) throw new UsageError(problems[0]);
  return { help: false, settings: settings as CommandSettings<C>, positionals, givenBy };
}

function readSetting(
  setting: Setting,
  options: Record<string, string | boolean | (string | boolean)[] | undefined>,
  environment: Environment | undefined,
): { value: unknown; source?: Source } {
  const label = `--${setting.flag}`;
  const option = setting.flag === undefined ? undefined : options[setting.flag];
  switch (setting.kind) {
    case 'switch':
      return option === true ? { value: true, source: 'option' } : { value: false };
    case 'list': {
      const texts = (option ?? []) as string[];
      const value = texts.map((text) => setting.parse(text, label));
      return texts.length > 0 ? { value, source: 'option' } : { value };
    }
    case 'value': {
      if (typeof option === 'string') {
        return { value: setting.parse(option, label), source: 'option' };
      }
      const name = setting.env as EnvironmentName | undefined;
      const text = name === undefined ? undefined : environmentVariable(name, environment);
      if (name !== undefined && text !== undefined) {
        return { value: setting.parse(text, name), source: 'environment' };
      }
      return { value: setting.fallback?.() };
    }
  }
}
