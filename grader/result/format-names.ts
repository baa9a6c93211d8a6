/**
 * The report formats' names, as `--format` and `--report` take them: apart from their writers
 * (formats.ts) so that the settings table, which every `--help` loads, does not load those.
 */
export const FORMAT_NAMES = [
  'pretty',
  'json',
  'junit',
  'tap',
  'github',
  'summary',
  'classroom',
] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];
