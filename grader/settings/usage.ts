import { type Command, type Setting, settingsOf } from './settings.ts';

/** What a command's usage text says besides its settings, which the settings table says. */
export interface CommandText {
  /** Its forms, each `keyspace <command> …`. */
  synopsis: readonly string[];
  /** What it does. */
  about: string;
  /** What follows its settings, such as its exit codes. */
  after?: string;
}

/** Wide enough for a terminal beside an editor; the help of a setting wraps within it. */
const WIDTH = 96;

/** A command's `--help`: its forms, what it does, then every option and variable it reads. */
export function commandUsage(command: Command, { synopsis, about, after }: CommandText): string {
  const taken = settingsOf(command).map(([, setting]) => setting);
  const options = taken.flatMap((setting) =>
    setting.flag === undefined ? [] : [[optionName(setting), optionHelp(setting)] as const],
  );
  const variables = taken.flatMap((setting) =>
    setting.kind === 'value' && setting.env !== undefined
      ? [
          [
            setting.env,
            setting.flag === undefined
              ? withDefault(setting.help, setting.defaultText)
              : `the default of --${setting.flag}`,
          ] as const,
        ]
      : [],
  );
  return [
    synopsis.map((form, at) => `${at === 0 ? 'Usage: ' : '       '}${form}`).join('\n'),
    about,
    ...(options.length > 0 ? [`Options:\n${table(options)}`] : []),
    ...(variables.length > 0 ? [`Environment:\n${table(variables)}`] : []),
    ...(after === undefined ? [] : [after]),
  ].join('\n\n');
}

/** `[--port N] [--host H] [--watch]`: a command's options as its synopsis gives them. */
export function optionsSynopsis(command: Command): string {
  return settingsOf(command)
    .flatMap(([, setting]) => (setting.flag === undefined ? [] : [`[${optionName(setting)}]`]))
    .join(' ');
}

function optionName(setting: Setting): string {
  return setting.kind === 'switch' || setting.metavar === undefined
    ? `--${setting.flag}`
    : `--${setting.flag} ${setting.metavar}`;
}

function optionHelp(setting: Setting): string {
  if (setting.kind !== 'value' || setting.env === undefined) {
    return withDefault(setting.help, setting.defaultText);
  }
  return withDefault(
    setting.help,
    setting.defaultText === undefined ? setting.env : `${setting.env}, or ${setting.defaultText}`,
  );
}

function withDefault(help: string, defaultText: string | undefined): string {
  return defaultText === undefined ? help : `${help} (default: ${defaultText})`;
}

/** Names in a column, each help beside its name, wrapped under itself. */
function table(rows: readonly (readonly [string, string])[]): string {
  const column = Math.max(...rows.map(([name]) => name.length)) + 4;
  return rows
    .map(([name, help]) => {
      const lines = wrap(help, WIDTH - column);
      return lines
        .map((line, at) => (at === 0 ? `  ${name.padEnd(column - 2)}` : ' '.repeat(column)) + line)
        .join('\n');
    })
    .join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}
