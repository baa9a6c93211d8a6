import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunning } from '../shared/process-running.ts';

const OWNER_FILE = 'owner.pid';

/** Sweeps already started, by prefix: once per process is enough. */
const swept = new Map<string, Promise<void>>();

/**
 * A private (0700) directory in tmp named `<prefix>…`, marked with this process's id. Before the
 * first one of a prefix, the directories of owners that are gone (killed before they could
 * clean up) are removed; those of live processes, or without an owner file, are left alone.
 */
export async function makeOwnedTempDir(prefix: string): Promise<string> {
  await sweepStale(tmpdir(), prefix);
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await writeFile(join(dir, OWNER_FILE), String(process.pid));
  return dir;
}

function sweepStale(parent: string, prefix: string): Promise<void> {
  let sweeping = swept.get(prefix);
  if (!sweeping) {
    sweeping = (async () => {
      const entries = await readdir(parent).catch(() => [] as string[]);
      await Promise.all(
        entries
          .filter((name) => name.startsWith(prefix))
          .map(async (name) => {
            const dir = join(parent, name);
            const owner = Number(await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => ''));
            if (owner > 0 && !isRunning(owner)) await rm(dir, { recursive: true, force: true });
          }),
      );
    })();
    swept.set(prefix, sweeping);
  }
  return sweeping;
}
