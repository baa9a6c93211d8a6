import { spawn } from 'node:child_process';
import type { SandboxAddress } from '../redis/sandbox-server.ts';
import { inheritedEnvironment } from '../settings/environment.ts';

/** What the real redis-cli printed, and whether it was still running when stopped. */
export interface SpawnedOutput {
  stdout: string;
  stderr: string;
  /** Its exit code, or null when it was stopped at the time limit. */
  code: number | null;
}

/**
 * Runs the lines through the real `redis-cli --no-raw` as the sandbox's `learner` user, as the
 * console once did: what the console's own printing (runRedisCli) is held to, in tests only.
 * After `timeoutMs` it is killed, which is how a SUBSCRIBE or a BLPOP 0 ends.
 */
export function spawnRedisCli(
  sandbox: SandboxAddress,
  commands: string,
  timeoutMs: number,
): Promise<SpawnedOutput> {
  return new Promise((resolve, reject) => {
    const cli = spawn('redis-cli', ['-s', sandbox.socketPath, '--user', 'learner', '--no-raw'], {
      // The password goes in the environment, where other users' `ps` cannot read it.
      env: { ...inheritedEnvironment(), REDISCLI_AUTH: sandbox.learnerPassword },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => cli.kill('SIGKILL'), timeoutMs);
    cli.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    cli.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    cli.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    cli.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
    // redis-cli stops reading at QUIT: not an error here.
    cli.stdin.on('error', () => {});
    cli.stdin.end(commands.endsWith('\n') ? commands : `${commands}\n`);
  });
}
