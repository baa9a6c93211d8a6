import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const SANDBOX_DIR_PREFIX = 'keyspace-sandbox-';
export const OWNER_FILE = 'owner.pid';

let swept: Promise<void> | undefined;

/**
 * Removes the private directories of sandboxes whose owning process is gone (killed before it
 * could clean up). Directories of live processes, or without an owner file, are left alone.
 */
export function sweepStaleSandboxes(parent: string): Promise<void> {
  swept ??= (async () => {
    const entries = await readdir(parent).catch(() => [] as string[]);
    await Promise.all(
      entries
        .filter((name) => name.startsWith(SANDBOX_DIR_PREFIX))
        .map(async (name) => {
          const dir = join(parent, name);
          const owner = Number(await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => ''));
          if (owner > 0 && !isRunning(owner)) await rm(dir, { recursive: true, force: true });
        }),
    );
  })();
  return swept;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
