import { spawn } from 'node:child_process';
import type { SandboxAddress } from '../redis/sandbox-server.ts';

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
  const [first, rest] = firstArgument(line);
  return first !== undefined && /^[\t\n\v\f\r ]*[+-]?\d+$/.test(first) && /\S/.test(rest);
}

/**
 * The first argument of a line as redis-cli splits it (sdssplitargs): quoted parts may start
 * anywhere in it, "…" with C-like escapes (\xHH, \n, …), '…' with \' alone; and the rest.
 */
function firstArgument(line: string): [argument: string | undefined, rest: string] {
  let at = line.search(/\S/);
  if (at < 0) return [undefined, ''];
  let argument = '';
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };
  while (at < line.length && !/\s/.test(line[at] ?? '')) {
    const quote = line[at];
    if (quote !== '"' && quote !== "'") {
      argument += line[at++];
      continue;
    }
    at += 1;
    for (;;) {
      if (at >= line.length) return [undefined, '']; // unbalanced: redis-cli refuses the line
      const char = line[at] ?? '';
      if (char === quote) {
        at += 1;
        // A closing quote must end the argument.
        if (at < line.length && !/\s/.test(line[at] ?? '')) return [undefined, ''];
        return [argument, line.slice(at)];
      }
      const hex = quote === '"' && /^\\x[0-9a-fA-F]{2}/.exec(line.slice(at))?.[0];
      if (hex) {
        argument += String.fromCharCode(Number.parseInt(hex.slice(2), 16));
        at += 4;
      } else if (char === '\\' && at + 1 < line.length && (quote === '"' || line[at + 1] === "'")) {
        const next = line[at + 1] ?? '';
        argument += quote === '"' ? (escapes[next] ?? next) : next;
        at += 2;
      } else {
        argument += char;
        at += 1;
      }
    }
  }
  return [argument, line.slice(at)];
}

/** Whether `line` is SYNC or PSYNC, which redis-cli takes as "become a replica and dump the data". */
export function startsReplication(line: string): boolean {
  return /^p?sync$/i.test(firstArgument(line)[0] ?? '');
}
