import type { CommandDoc } from '../../../../../contracts/index.ts';
import { commandOf } from '../command-completion.ts';
import { CommandHelp } from './command-help.tsx';

/** One line of a console entry, `> SET k v`, its command with help when Redis has one by that name. */
export function CommandLine({ line, docs }: { line: string; docs?: readonly CommandDoc[] }) {
  const doc = docs && commandOf(line, docs);
  // As many words as the command's name has: OBJECT ENCODING is two.
  const typed = doc && (doc.name.includes(' ') ? /^(\s*\S+\s+\S+)/ : /^(\s*\S+)/).exec(line)?.[1];
  if (!doc || !typed) return <>{`> ${line}\n`}</>;
  return (
    <>
      {'> '}
      <CommandHelp doc={doc}>{typed}</CommandHelp>
      {`${line.slice(typed.length)}\n`}
    </>
  );
}
