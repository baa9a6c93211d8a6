import type { SandboxAddress } from '../redis/sandbox-server.ts';
import { cString, foldCase } from './c-string.ts';
import { RespConnection } from './resp-connection.ts';
import type { Reply } from './resp-reader.ts';

/** One command or subcommand as redis-cli's help lists it (its helpEntry). */
interface HelpEntry {
  /** "CONFIG", "GET": what `help` compares the words typed with. */
  words: string[];
  name: string;
  params: string;
  summary?: string;
  since?: string;
  group?: string;
}

/** What redis-cli's `help` prints from: the server's COMMAND DOCS and redis-cli's version. */
export interface CliHelp {
  version: string;
  entries: HelpEntry[];
}

let loaded: Promise<CliHelp> | undefined;

/**
 * The help, read as redis-cli reads it when it starts (COMMAND DOCS), but on a connection of its
 * own and once per process: every sandbox runs the same redis-server.
 */
export function loadHelp(address: SandboxAddress): Promise<CliHelp> {
  if (!loaded) {
    loaded = readHelp(address);
    // A failure (the sandbox went away meanwhile) is not kept: the next `help` tries again.
    loaded.catch(() => {
      loaded = undefined;
    });
  }
  return loaded;
}

async function readHelp(address: SandboxAddress): Promise<CliHelp> {
  const connection = new RespConnection(address, Number.POSITIVE_INFINITY);
  let docs: Reply | undefined;
  let info: Reply | undefined;
  try {
    await connection.login();
    connection.send([Buffer.from('COMMAND'), Buffer.from('DOCS')]);
    connection.send([Buffer.from('INFO'), Buffer.from('server')]);
    docs = (await connection.next()).reply;
    info = (await connection.next()).reply;
  } finally {
    connection.close();
  }
  // A sandbox busy with a script answers BUSY: that help is not the one to keep.
  if (docs?.type === 'error') throw new Error(`COMMAND DOCS failed: ${docs.bytes.toString()}`);
  const infoText = info && 'bytes' in info ? info.bytes.toString('latin1') : '';
  const field = (name: string) => new RegExp(`^${name}:(.*?)\r?$`, 'm').exec(infoText)?.[1];
  let version = field('redis_version') ?? '';
  // cliVersion: the git commit when the build knows one (a distribution's build says 00000000).
  const sha = field('redis_git_sha1') ?? '0';
  if (/[1-9a-f]/i.test(sha)) {
    version += ` (git:${sha}${Number(field('redis_git_dirty')) ? '-dirty' : ''})`;
  }
  const entries: HelpEntry[] = [];
  for (const [name, specs] of pairs(docs)) entries.push(...helpEntries(text(name), specs));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { version, entries };
}

/** cliInitCommandHelpEntry: a command's entry, then its subcommands'. */
function helpEntries(command: string, specs: Reply | undefined, subcommand?: string): HelpEntry[] {
  const words = [command.toUpperCase()];
  if (subcommand) words.push(subcommand.slice(subcommand.indexOf('|') + 1).toUpperCase());
  const entry: HelpEntry = { words, name: words.join(' '), params: '' };
  const found = [entry];
  for (const [key, value] of pairs(specs)) {
    const field = text(key);
    if (field === 'summary') entry.summary = text(value);
    else if (field === 'since') entry.since = text(value);
    else if (field === 'group') entry.group = text(value);
    else if (field === 'arguments') entry.params = argumentsText(value, ' ');
    else if (field === 'subcommands') {
      for (const [name, subspecs] of pairs(value)) {
        found.push(...helpEntries(command, subspecs, text(name)));
      }
    }
  }
  return found;
}

/** cliConcatArguments and cliAddArgument: "key [key ...]", "[NX|XX]", "[EX seconds|PX milliseconds]". */
function argumentsText(list: Reply | undefined, separator: string): string {
  return itemsOf(list).map(argumentText).join(separator);
}

function argumentText(argument: Reply): string {
  const fields = new Map(pairs(argument).map(([key, value]) => [text(key), value]));
  const type = text(fields.get('type'));
  const flags = new Set(itemsOf(fields.get('flags')).map(text));
  const orEmpty = (value: string) => (value === '' ? '""' : value);
  let token = fields.has('token') ? orEmpty(text(fields.get('token'))) : '';
  let repeated = '';
  if (['key', 'string', 'integer', 'double', 'pattern', 'unix-time', 'token'].includes(type)) {
    repeated = orEmpty(text(fields.get('name')));
  } else if (type === 'oneof') {
    repeated = argumentsText(fields.get('arguments'), '|');
  } else if (type === 'block') {
    repeated = argumentsText(fields.get('arguments'), ' ');
  }
  if (token !== '' && type !== 'pure-token') token += ' ';
  let params = token + repeated;
  if (flags.has('multiple')) {
    params += ` [${flags.has('multiple_token') ? token : ''}${repeated} ...]`;
  }
  return flags.has('optional') ? `[${params}]` : params;
}

function sameWord(a: string, b: string): boolean {
  return foldCase(a) === foldCase(b);
}

/** What redis-cli prints for `help` followed by `args` (cliOutputHelp), bytes as latin1. */
export function printHelp(help: CliHelp, args: readonly Buffer[]): string {
  const words = args.map(cString);
  if (words.length === 0) {
    return [
      `redis-cli ${help.version}`,
      'To get help about Redis commands type:',
      '      "help @<group>" to get a list of commands in <group>',
      '      "help <command>" for help on <command>',
      '      "help <tab>" to get a list of possible help topics',
      '      "quit" to exit',
      '',
      'To set redis-cli preferences:',
      '      ":set hints" enable online hints',
      '      ":set nohints" disable online hints',
      'Set your preferences in ~/.redisclirc',
      '',
    ].join('\n');
  }
  const group = words[0]?.startsWith('@') ? words[0].slice(1) : undefined;
  let out = '';
  for (const entry of help.entries) {
    if (group === undefined) {
      const matches =
        words.length <= entry.words.length &&
        words.every((word, index) => sameWord(word, entry.words[index] ?? ''));
      if (matches) out += entryText(entry, true);
    } else if (sameWord(group, entry.group ?? '')) {
      out += entryText(entry, false);
    }
  }
  return `${out}\r\n`;
}

/** cliOutputCommandHelp, with its terminal colours. */
function entryText(entry: HelpEntry, withGroup: boolean): string {
  let out = `\r\n  \x1b[1m${entry.name}\x1b[0m \x1b[90m${entry.params}\x1b[0m\r\n`;
  out += `  \x1b[33msummary:\x1b[0m ${entry.summary ?? '(null)'}\r\n`;
  if (entry.since !== undefined) out += `  \x1b[33msince:\x1b[0m ${entry.since}\r\n`;
  if (withGroup) out += `  \x1b[33mgroup:\x1b[0m ${entry.group ?? '(null)'}\r\n`;
  return out;
}

function itemsOf(reply: Reply | undefined): Reply[] {
  return reply && 'items' in reply ? reply.items : [];
}

/** A map's pairs, or an array's read two by two (COMMAND DOCS in RESP2). */
function pairs(reply: Reply | undefined): [Reply | undefined, Reply | undefined][] {
  const items = itemsOf(reply);
  const found: [Reply | undefined, Reply | undefined][] = [];
  for (let index = 0; index + 1 < items.length; index += 2) {
    found.push([items[index], items[index + 1]]);
  }
  return found;
}

function text(reply: Reply | undefined): string {
  return reply && 'bytes' in reply ? reply.bytes.toString('latin1') : '';
}
