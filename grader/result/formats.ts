import { formatClassroom } from './format-classroom.ts';
import { formatGithub } from './format-github.ts';
import { formatJunit } from './format-junit.ts';
import type { FormatName } from './format-names.ts';
import { formatPretty } from './format-pretty.ts';
import { formatSummary } from './format-summary.ts';
import { formatTap } from './format-tap.ts';
import type { GradedFile } from './graded-file.ts';

type Format = (files: readonly GradedFile[], options: { color: boolean }) => string;

/** Every report format, by the name `--format` and `--report` take. Each escapes learner text its own way. */
export const FORMATS = {
  pretty: (files, { color }) =>
    files.map(({ file, result }) => formatPretty(result, { color, file })).join('\n'),
  // One file: the result itself (the schema's document). Several: [{ file, result }], the
  // schema's $defs/gradedFiles.
  json: (files) => `${JSON.stringify(files.length === 1 ? files[0]?.result : files, null, 2)}\n`,
  junit: formatJunit,
  tap: formatTap,
  github: formatGithub,
  summary: formatSummary,
  classroom: formatClassroom,
} satisfies Record<FormatName, Format>;
