#!/usr/bin/env node
// keyspace — the Keyspace command line.
//
//   keyspace start [--port N] [--host H] [--data-dir D]   serve the course in the browser
//   keyspace grade <exercise> <file.ts>    grade one submission (--format pretty|json)
//   keyspace verify [--course DIR]         prove that a course's exercises and lessons hold
//   keyspace lint [--course DIR]           type-check and format-check a course's TypeScript
//   keyspace new <dir>                     start a course in an empty folder
//   keyspace new lesson <slug>             start a lesson from a placeholder that passes verify
//   keyspace new exercise <id> --lesson S  start an exercise of lesson S, wired into its front matter
//   keyspace worker [--concurrency N]      take grading jobs off the app's queue (queue mode)
//   keyspace doctor                        check that this machine can run Keyspace
//
// The code is TypeScript, run through tsx; this file only registers it and picks the command.
// Registering tsx costs about half a second, so the usage is answered before it; each command
// module loads what it needs only once its arguments hold (its --help loads nothing more).

const COMMANDS = {
  start: async () => (await import('../server/start-command.ts')).startCommand,
  grade: async () => (await import('../grader/cli/grade-command.ts')).gradeCommand,
  verify: async () => (await import('../grader/cli/verify-command.ts')).verifyCommand,
  lint: async () => (await import('../grader/cli/lint-command.ts')).lintCommand,
  new: async () => (await import('../grader/cli/new-command.ts')).newCommand,
  worker: async () => (await import('../queue/worker-command.ts')).workerCommand,
  doctor: async () => (await import('../grader/cli/doctor-command.ts')).doctorCommand,
};

const [name, ...argv] = process.argv.slice(2);
const usage = `usage: keyspace <${Object.keys(COMMANDS).join('|')}> [options]\n       keyspace <command> --help   what a command does, and its options\n`;
if (name === '--help' || name === '-h' || name === 'help') {
  process.stdout.write(usage);
  process.exit(0);
}
const load = Object.hasOwn(COMMANDS, name ?? '') ? COMMANDS[name] : undefined;
if (!load) {
  process.stderr.write(`${name ? `keyspace: unknown command '${name}'\n` : ''}${usage}`);
  process.exit(64);
}
const { register } = await import('tsx/esm/api');
register();
const [{ runCli }, command] = await Promise.all([import('../grader/cli/run-cli.ts'), load()]);
process.exitCode = await runCli(() => command(argv));
