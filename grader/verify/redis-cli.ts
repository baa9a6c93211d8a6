import { spawn } from 'node:child_process';
import type { SandboxAddress } from '../redis/sandbox-server.ts';

/**
 * Runs commands through redis-cli as the learner's ACL user, one per line, and answers what
 * redis-cli prints: the very replies, in the very format, a learner sees in their own terminal.
 */
export function runRedisCli(sandbox: SandboxAddress, commands: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const cli = spawn('redis-cli', ['-s', sandbox.socketPath, '--user', 'learner', '--no-raw'], {
      // The password goes in the environment, where other users' `ps` cannot read it.
      env: { ...process.env, REDISCLI_AUTH: sandbox.learnerPassword },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    cli.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    cli.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errors += chunk;
    });
    cli.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error(
              'redis-cli is not on PATH: install it with redis-server (Debian: redis-tools)',
            )
          : error,
      );
    });
    cli.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`redis-cli exited with ${code}: ${errors.trim() || output.trim()}`));
    });
    cli.stdin.end(commands.endsWith('\n') ? commands : `${commands}\n`);
  });
}
