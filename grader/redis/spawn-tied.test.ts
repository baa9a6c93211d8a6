import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isExecutable } from '../shared/is-executable.ts';

const SPAWN_TIED = fileURLToPath(new URL('./spawn-tied.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A node process of its own that ties `/bin/sleep 60` to itself and prints the child's pid. */
function parentOfASleeper() {
  const code = `import { spawnTied } from ${JSON.stringify(SPAWN_TIED)};
const child = spawnTied('/bin/sleep', ['60'], { stdio: 'ignore' });
console.log(child.pid);
setInterval(() => {}, 1000);`;
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The process's state letter and group, or undefined once it is gone. */
function processState(pid: number): { state: string; group: number } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return { state: fields[0] ?? '', group: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** Running: neither gone nor dead and waiting to be reaped. */
const running = (pid: number) => ![undefined, 'Z', 'X'].includes(processState(pid)?.state);

/** The program a process runs now, or undefined once it is gone. */
function programOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

describe('spawnTied', () => {
  // Without util-linux's setpriv there is no tie to prove (see spawnTied).
  it.skipIf(!isExecutable('/usr/bin/setpriv'))(
    'leaves no child behind when its process is killed with SIGKILL, in a group of its own until then',
    async () => {
      const parent = parentOfASleeper();
      try {
        const [line] = (await once(parent.stdout, 'data')) as [Buffer];
        const pid = Number(line.toString().trim());
        // The pid is setpriv's until it has set the tie and run sleep in its place.
        await expect.poll(() => programOf(pid), { timeout: 5_000 }).toBe('sleep');
        // A Ctrl+C signals the terminal's foreground group: the child is not in its parent's.
        expect(processState(pid)?.group).not.toBe(processState(parent.pid ?? 0)?.group);
        parent.kill('SIGKILL');
        await expect.poll(() => running(pid), { timeout: 5_000 }).toBe(false);
      } finally {
        parent.kill('SIGKILL');
      }
    },
  );
});
