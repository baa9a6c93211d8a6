import { fileURLToPath } from 'node:url';

/**
 * The course shipped in this repository: the default for every command. Apart from grader.ts so
 * that a command that needs only this (`new`, every `--help`) does not load the grader.
 */
export const DEFAULT_COURSE_DIR = fileURLToPath(new URL('../..', import.meta.url));
