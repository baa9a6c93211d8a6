import type { CommandDoc } from '../../../../contracts/index.ts';

/** The most completions offered at once: more is a list to read, not a choice to make. */
export const MAX_COMPLETIONS = 8;

/**
 * The commands the line may be becoming, while its command is being typed: "SE" → SET, SETEX…;
 * "OBJECT EN" → OBJECT ENCODING. None once the command is whole and nothing longer fits, or once
 * its arguments have begun.
 */
export function completions(line: string, docs: readonly CommandDoc[]): CommandDoc[] {
  const words = line.trimStart().split(/\s+/);
  const [first = '', second] = words;
  if (first === '' || words.length > 2) return [];
  let prefix = first.toUpperCase();
  if (second !== undefined) {
    // Only a container's subcommand is a second word worth completing.
    if (!docs.some(({ name }) => name.startsWith(`${prefix} `))) return [];
    prefix = `${prefix} ${second.toUpperCase()}`;
  }
  const wordsWanted = second === undefined ? 1 : 2;
  const found = docs.filter(
    ({ name }) => name.startsWith(prefix) && name.split(' ').length === wordsWanted,
  );
  if (found.length === 1 && found[0]?.name === prefix) return [];
  return found.slice(0, MAX_COMPLETIONS);
}

/**
 * The command a line runs, as far as it is typed: a container's subcommand if one is named
 * ("OBJECT ENCODING k"), or the command itself. Undefined for a word Redis does not have.
 */
export function commandOf(line: string, docs: readonly CommandDoc[]): CommandDoc | undefined {
  const [first = '', second = ''] = line.trimStart().toUpperCase().split(/\s+/);
  if (first === '') return undefined;
  const byName = (name: string) => docs.find((doc) => doc.name === name);
  return (second && byName(`${first} ${second}`)) || byName(first);
}
