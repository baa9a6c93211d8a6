import { spawn } from 'node:child_process';
import type { SandboxAddress } from '../redis/sandbox-server.ts';
import { splitArguments } from './cli-arguments.ts';

export interface CliOutput {
  /** What redis-cli printed: the very replies, in the very format, of a learner's own terminal. */
  text: string;
  /** redis-cli was still waiting after the time limit (a blocking command, SUBSCRIBE) and was stopped. */
  timedOut: boolean;
  /** redis-cli printed more than `MAX_OUTPUT_CHARS` and was stopped there. */
  cut: boolean;
}

/** What one run may print: a console is for reading replies, not for moving data. */
export const MAX_OUTPUT_CHARS = 64 * 1024;

/**
 * Runs commands through redis-cli as the sandbox's `learner` ACL user, one per line. A command
 * that blocks is given `timeoutMs`, then redis-cli is stopped, which closes its connection and so
 * ends the command in Redis too.
 */
export function runRedisCli(
  sandbox: SandboxAddress,
  commands: string,
  timeoutMs: number,
): Promise<CliOutput> {
  return new Promise((resolve, reject) => {
    const cli = spawn('redis-cli', ['-s', sandbox.socketPath, '--user', 'learner', '--no-raw'], {
      // The password goes in the environment, where other users' `ps` cannot read it.
      env: { ...process.env, REDISCLI_AUTH: sandbox.learnerPassword },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let text = '';
    let errors = '';
    let timedOut = false;
    let cut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      cli.kill('SIGKILL');
    }, timeoutMs);
    cli.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (cut) return;
      text += chunk;
      if (text.length > MAX_OUTPUT_CHARS) {
        text = text.slice(0, MAX_OUTPUT_CHARS);
        cut = true;
        cli.kill('SIGKILL');
      }
    });
    cli.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errors += chunk;
    });
    cli.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new Error(
              'redis-cli is not on PATH: install it with redis-server (Debian: redis-tools)',
            )
          : error,
      );
    });
    cli.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 || timedOut || cut) resolve({ text, timedOut, cut });
      else reject(new Error(`redis-cli exited with ${code}: ${errors.trim() || text.trim()}`));
    });
    // A learner's console may close stdin early (redis-cli exits on QUIT): not an error here.
    cli.stdin.on('error', () => {});
    cli.stdin.end(commands.endsWith('\n') ? commands : `${commands}\n`);
  });
}

/**
 * Whether redis-cli would run `line` more than once: it reads a first argument that is a whole
 * number, quoted or not, signed or not ("5", +5, "\x35"), as a repeat count for the rest.
 */
export function repeatsCommand(line: string): boolean {
  const [first, ...rest] = splitArguments(line) ?? [];
  return first !== undefined && /^[\t\n\v\f\r ]*[+-]?\d+$/.test(first) && rest.length > 0;
}

/** Whether `line` is SYNC or PSYNC, which redis-cli takes as "become a replica and dump the data". */
export function startsReplication(line: string): boolean {
  return /^p?sync$/i.test(splitArguments(line)?.[0] ?? '');
}
