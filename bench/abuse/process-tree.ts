import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Linux only (/proc): a process's parent and command name, or undefined once it is gone. */
function statOf(pid: string): { ppid: number; name: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name sits in parentheses and may hold either: the fields after the last one are safe.
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { ppid, name };
  } catch {
    return undefined;
  }
}

/** Every process under `root` (root excluded), by following PPid links: pid → command name. */
function descendants(root: number): Map<number, string> {
  const children = new Map<number, { pid: number; name: string }[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(entry);
    if (!stat) continue;
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push({ pid: Number(entry), name: stat.name });
    children.set(stat.ppid, siblings);
  }
  const found = new Map<number, string>();
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      found.set(child.pid, child.name);
      visit(child.pid);
    }
  };
  visit(root);
  return found;
}

/** Bytes by command name; the app itself is named `app`, apart from the workers' `node`. */
export type Memory = Map<string, number>;

/** Resident memory (VmRSS) of `root` and everything under it, by command name, in bytes. */
export function treeRss(root: number): Memory {
  const memory: Memory = new Map();
  for (const [pid, name] of [[root, 'app'] as const, ...descendants(root)]) {
    try {
      const rss = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      memory.set(name, (memory.get(name) ?? 0) + Number(rss?.[1] ?? 0) * 1024);
    } catch {
      // Gone meanwhile: it holds no memory any more.
    }
  }
  return memory;
}

export const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

/** The sample of treeRss with the highest sum, taken every `everyMs` until stop() answers it. */
export function peakRss(root: number, everyMs = 500): { stop: () => Memory } {
  let peak = treeRss(root);
  const sample = () => {
    const now = treeRss(root);
    if (sum(now) > sum(peak)) peak = now;
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/** Processes under `root`, counted by command name. */
export type ProcessCounts = Map<string, number>;

/**
 * The processes under `root` at rest: of a few looks over a second, the one with the fewest, so
 * that a redis-cli an honest console command runs for a few milliseconds is not counted.
 */
export async function settledProcesses(root: number): Promise<ProcessCounts> {
  let fewest: ProcessCounts | undefined;
  for (let look = 0; look < 5; look++) {
    if (look > 0) await sleep(200);
    const counts: ProcessCounts = new Map();
    for (const name of descendants(root).values()) counts.set(name, (counts.get(name) ?? 0) + 1);
    if (!fewest || sum(counts) < sum(fewest)) fewest = counts;
  }
  return fewest ?? new Map();
}
