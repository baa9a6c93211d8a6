#!/usr/bin/env node
// keyspace — the Keyspace command line.
//
//   keyspace start [--port N] [--host H] [--data-dir D]   serve the course in the browser
//   keyspace grade <exercise> <file.ts>    grade one submission (--format pretty|json)
//   keyspace verify [--course DIR]         prove that a course's exercises and lessons hold
//   keyspace new lesson <slug>             start a lesson from a placeholder that passes verify
//   keyspace new exercise <id> --lesson S  start an exercise of lesson S, wired into its front matter
//   keyspace worker [--concurrency N]      take grading jobs off the app's queue (queue mode)
//   keyspace doctor                        check that this machine can run Keyspace
//
// The code is TypeScript, run through tsx; this file only registers it and picks the command.
import { register } from 'tsx/esm/api';

register();

const COMMANDS = {
  start: async () => (await import('../server/start-command.ts')).startCommand,
  grade: async () => (await import('../grader/cli/grade-command.ts')).gradeCommand,
  verify: async () => (await import('../grader/cli/verify-command.ts')).verifyCommand,
  new: async () => (await import('../grader/cli/new-command.ts')).newCommand,
  worker: async () => (await import('../queue/worker-command.ts')).workerCommand,
  doctor: async () => (await import('../grader/cli/doctor-command.ts')).doctorCommand,
};

const { runCli } = await import('../grader/cli/run-cli.ts');
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
const command = await load();
process.exitCode = await runCli(() => command(argv));
