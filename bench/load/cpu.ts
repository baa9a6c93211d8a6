import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds so far: the machine's, and each named process's with all its descendants. */
export interface CpuSnapshot {
  at: number;
  machine: { busy: number; steal: number; total: number };
  trees: Record<string, number>;
  self: number;
}

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** pid → [ppid, CPU ticks of itself and of the children it has reaped]. */
function processes(): Map<number, [number, number]> {
  const table = new Map<number, [number, number]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // After the command name, which may hold spaces and parentheses: state ppid … utime stime cutime cstime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    table.set(Number(name), [Number(fields[1]), ticks]);
  }
  return table;
}

/** Linux only (/proc). A child process the app ran and reaped counts in the app's tree. */
export function cpuSnapshot(roots: Record<string, number | undefined>): CpuSnapshot {
  const table = processes();
  const children = new Map<number, number[]>();
  for (const [pid, [ppid]] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const treeTicks = (pid: number): number =>
    (table.get(pid)?.[1] ?? 0) +
    (children.get(pid) ?? []).reduce((sum, child) => sum + treeTicks(child), 0);
  const trees: Record<string, number> = {};
  for (const [name, pid] of Object.entries(roots)) {
    if (pid !== undefined) trees[name] = treeTicks(pid) / TICKS;
  }
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1, 9);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = (cpu ?? []).map(Number);
  const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0);
  const usage = process.cpuUsage();
  return {
    at: performance.now(),
    machine: {
      busy: busy / TICKS,
      steal: (steal ?? 0) / TICKS,
      total: (busy + (idle ?? 0) + (iowait ?? 0) + (steal ?? 0)) / TICKS,
    },
    trees,
    self: (usage.user + usage.system) / 1e6,
  };
}

/** Cores busy on average between two snapshots, per tree; the machine's as a share of all cores. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot) {
  const seconds = (after.at - before.at) / 1000;
  const cores = (a: number, b: number) => (b - a) / seconds;
  const machineTotal = after.machine.total - before.machine.total;
  return {
    machineBusy: (after.machine.busy - before.machine.busy) / machineTotal,
    steal: (after.machine.steal - before.machine.steal) / machineTotal,
    trees: Object.fromEntries(
      Object.entries(after.trees).map(([name, value]) => [
        name,
        cores(before.trees[name] ?? 0, value),
      ]),
    ),
    loadGenerator: cores(before.self, after.self),
  };
}
export type CpuUse = ReturnType<typeof cpuBetween>;
