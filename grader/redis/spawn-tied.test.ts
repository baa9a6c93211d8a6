import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnTied } from './spawn-tied.ts';

const SPAWN_TIED = fileURLToPath(new URL('./spawn-tied.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A node process of its own that runs `code` with spawnTied imported. */
function nodeWith(code: string) {
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { spawnTied } from ${JSON.stringify(SPAWN_TIED)};\n${code}`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

/** Whether a process runs: gone, or dead and waiting to be reaped, is not running. */
function running(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('spawnTied', () => {
  it("tells the child's pid, what it wrote to standard error, and how it exited", async () => {
    const child = await spawnTied('/bin/sh', ['-c', 'echo "no such file" >&2; exit 3'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    expect(child.pid).toBeGreaterThan(0);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('exit', (...exit) => resolve(exit)),
    );
    expect({ code, signal, stderr }).toEqual({ code: 3, signal: null, stderr: 'no such file\n' });
    expect(child.exitCode).toBe(3);
  });

  it('kills the child with the signal asked for', async () => {
    const child = await spawnTied('/bin/sleep', ['30'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', (_, signal) => resolve(signal)));
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(child.signalCode).toBe('SIGTERM');
    expect(running(child.pid)).toBe(false);
  });

  it('reports a program that cannot be started', async () => {
    // Spawned directly, the spawn fails; through setpriv, setpriv starts and exits with an error.
    const child = await spawnTied('/no/such/redis-server', [], {
      stdio: ['ignore', 'ignore', 'pipe'],
    }).catch((error: Error) => error);
    if (child instanceof Error) {
      expect(child.message).toMatch(/ENOENT/);
      return;
    }
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
  });

  it('leaves no child behind when its process is killed with SIGKILL', async () => {
    const parent = nodeWith(
      `const child = await spawnTied('/bin/sleep', ['60'], { stdio: 'ignore' });\nconsole.log(child.pid);\nsetInterval(() => {}, 1000);`,
    );
    const [line] = (await once(parent.stdout, 'data')) as [Buffer];
    const pid = Number(line.toString().trim());
    expect(running(pid)).toBe(true);
    parent.kill('SIGKILL');
    await expect.poll(() => running(pid), { timeout: 5_000 }).toBe(false);
  });

  it('keeps its process alive while a child runs, and lets it end after', async () => {
    const parent = nodeWith(
      `const child = await spawnTied('/bin/sleep', ['0.3'], { stdio: 'ignore' });\nchild.once('exit', (code) => console.log('exit', code));`,
    );
    let output = '';
    parent.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const [code] = await once(parent, 'exit');
    expect({ code, output }).toEqual({ code: 0, output: 'exit 0\n' });
  });
});
