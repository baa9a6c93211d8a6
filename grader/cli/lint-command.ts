import { readSettings } from '../settings/read-settings.ts';
import { commandUsage, optionsSynopsis } from '../settings/usage.ts';
import { courseDirOption } from './course-option.ts';
import { EXIT } from './exit-codes.ts';

export const LINT_USAGE = commandUsage('lint', {
  synopsis: [`keyspace lint ${optionsSynopsis('lint')}`],
  about: `Type-checks every TypeScript file of the course's exercises/ (solutions, starters, checks,
wrong/ and right/ solutions) as strictly as Keyspace's own code, with the course's
tsconfig.json if it has one, then checks their format and lint rules with Biome (the
course's biome.json if it has one). Each problem is printed with its file and line.
Exits 0 when all holds, 3 when something does not, 64 on a usage error.`,
});

export async function lintCommand(argv: string[]): Promise<number> {
  const read = readSettings('lint', argv);
  if (read.help) {
    process.stdout.write(`${LINT_USAGE}\n`);
    return 0;
  }
  const { settings } = read;
  const courseDir = await courseDirOption(settings.course);
  // TypeScript loads only now: --help and a usage error answer without it.
  const [{ typeCheckCourse }, { formatCheckCourse }] = await Promise.all([
    import('../lint/type-check-course.ts'),
    import('../lint/format-check-course.ts'),
  ]);
  const typeProblems = await typeCheckCourse(courseDir);
  for (const { file, line, column, message } of typeProblems) {
    const at = line === undefined ? file : `${file}:${line}:${column ?? 1}`;
    process.stdout.write(`${at}: ${message}\n`);
  }
  process.stdout.write(
    typeProblems.length === 0
      ? 'TypeScript: no type errors.\n'
      : `TypeScript: ${typeProblems.length} type error${typeProblems.length === 1 ? '' : 's'}.\n`,
  );
  const formatted = await formatCheckCourse(courseDir, settings.fix);
  if (typeProblems.length === 0 && formatted) {
    process.stdout.write('The course lints clean.\n');
    return 0;
  }
  process.stdout.write(
    formatted
      ? '\nFix the type errors above, then run keyspace lint again.\n'
      : '\nFix what is listed above (keyspace lint --fix writes the formatting and safe fixes), then run keyspace lint again.\n',
  );
  return EXIT.content;
}
