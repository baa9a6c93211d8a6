import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';

function cpuModel(): string {
  try {
    const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    return model?.[1]?.trim() ?? 'unknown CPU';
  } catch {
    return 'unknown CPU';
  }
}

/** The 1, 5 and 15 minute load averages: how busy the shared machine was besides the bench. */
export function loadAverage(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}

/** What the figures were measured on, for comparing runs: every bench prints it first. */
export function machineLine(): string {
  const gb = (totalmem() / 1024 ** 3).toFixed(1);
  return `machine: ${cpuModel()}, ${availableParallelism()} cores, ${gb} GB memory; load average ${loadAverage()} (1, 5, 15 min) at start`;
}

/** Printed last: a load that rose during the run says the figures were measured on a busy machine. */
export function loadAtEnd(): string {
  return `load average at the end: ${loadAverage()} (1, 5, 15 min)`;
}
