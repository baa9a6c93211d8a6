import type Redis from 'ioredis';
import type { CommandDoc } from '../../contracts/index.ts';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { connectTrusted } from '../runner/sandbox-connections.ts';
import { type ArgumentDoc, commandSyntax } from './command-syntax.ts';

export type { CommandDoc };

/** What a reply of COMMAND DOCS holds for one command; RESP3 maps come as flat lists. */
type Flat = unknown[];

/**
 * The commands of this Redis that `user` may run, each with its summary and syntax, sorted by
 * name: what Redis itself documents (COMMAND DOCS) and allows (ACL DRYRUN), so that the
 * console's help is that of the very server the learner types into.
 */
export async function readCommandDocs(trusted: Redis, user: string): Promise<CommandDoc[]> {
  const [docs, infos] = (await Promise.all([
    trusted.call('COMMAND', 'DOCS'),
    trusted.call('COMMAND'),
  ])) as [Flat, Flat[]];
  const arities = new Map<string, number>();
  const collect = (info: Flat) => {
    arities.set(String(info[0]), Number(info[1]));
    for (const sub of (info[9] as Flat[] | undefined) ?? []) collect(sub);
  };
  for (const info of infos) collect(info);

  const commands = pairs(docs).flatMap(([id, doc]) => {
    const subcommands = pairs((doc.get('subcommands') as Flat | undefined) ?? []);
    return [
      { id, doc, subcommands: subcommands.map(([sub]) => sub) },
      ...subcommands.map(([sub, subDoc]) => ({
        id: sub,
        doc: subDoc,
        subcommands: [] as string[],
      })),
    ];
  });
  const runnable = await allowedTo(
    trusted,
    user,
    commands.filter(({ subcommands }) => subcommands.length === 0).map(({ id }) => id),
    arities,
  );
  return commands
    .filter(({ doc }) => !listOf(doc.get('doc_flags')).includes('syscmd'))
    .flatMap(({ id, doc, subcommands }): CommandDoc[] => {
      const name = nameOf(id);
      if (subcommands.length > 0) {
        const allowed = subcommands.filter((sub) => runnable.has(sub));
        if (allowed.length === 0) return [];
        const words = allowed.map((sub) => nameOf(sub).slice(name.length + 1)).sort();
        return [{ ...described(doc), name, syntax: `${name} <${words.join(' | ')}>` }];
      }
      if (!runnable.has(id)) return [];
      const args = listOf(doc.get('arguments')).map((arg) => argumentOf(arg as Flat));
      return [{ ...described(doc), name, syntax: commandSyntax(name, args) }];
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The commands of this sandboxes' redis-server, read once from a throwaway sandbox of their own:
 * every sandbox runs the same binary with the same ACL, and reading them costs nobody's turn.
 */
export async function readSandboxCommandDocs(): Promise<CommandDoc[]> {
  const sandbox = await SandboxServer.start();
  const trusted = connectTrusted(sandbox.address, 10_000);
  try {
    return await readCommandDocs(trusted, 'learner');
  } finally {
    trusted.disconnect();
    await sandbox.stop();
  }
}

/**
 * Which of `ids` (`get`, `object|encoding`) Redis lets `user` run, asked of Redis in one round
 * trip: ACL DRYRUN wants as many arguments as the command's arity, which placeholders give it.
 */
async function allowedTo(
  trusted: Redis,
  user: string,
  ids: string[],
  arities: Map<string, number>,
): Promise<Set<string>> {
  const pipeline = trusted.pipeline();
  for (const id of ids) {
    const words = id.split('|');
    const arity = Math.abs(arities.get(id) ?? words.length);
    while (words.length < arity) words.push('x');
    pipeline.call('ACL', 'DRYRUN', user, ...words);
  }
  const replies = (await pipeline.exec()) ?? [];
  return new Set(ids.filter((_, index) => replies[index]?.[1] === 'OK'));
}

function described(doc: Map<string, unknown>): Pick<CommandDoc, 'summary' | 'replacedBy'> {
  const replacedBy = doc.get('replaced_by');
  return {
    summary: String(doc.get('summary') ?? ''),
    // Redis writes it in its docs' Markdown: "`SET` with the `!GET` argument".
    ...(typeof replacedBy === 'string' && { replacedBy: replacedBy.replace(/`!?([^`]*)`/g, '$1') }),
  };
}

function argumentOf(flat: Flat): ArgumentDoc {
  const map = mapOf(flat);
  const token = map.get('token');
  return {
    name: String(map.get('name')),
    type: String(map.get('type')),
    ...(token !== undefined && { token: String(token) }),
    flags: listOf(map.get('flags')).map(String),
    arguments: listOf(map.get('arguments')).map((arg) => argumentOf(arg as Flat)),
  };
}

/** "object|encoding" → "OBJECT ENCODING". */
function nameOf(id: string): string {
  return id.replaceAll('|', ' ').toUpperCase();
}

function pairs(flat: Flat): [string, Map<string, unknown>][] {
  const found: [string, Map<string, unknown>][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    found.push([String(flat[i]), mapOf(flat[i + 1] as Flat)]);
  }
  return found;
}

function mapOf(flat: Flat): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (let i = 0; i + 1 < flat.length; i += 2) map.set(String(flat[i]), flat[i + 1]);
  return map;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
