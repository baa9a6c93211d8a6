import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { type CpuUse, cpuBetween, cpuSnapshot } from '../load/cpu.ts';
import type { Deployment } from '../load/deployment.ts';
import { type AppMetrics, appMetrics } from './app-metrics.ts';
import type { Attack } from './attacker.ts';
import { HonestRecord, type HonestWindows } from './honest-record.ts';
import { type Memory, type ProcessCounts, peakRss, settledProcesses } from './process-tree.ts';

/** Not measured: the attack gets going (sandboxes start, gradings queue) before the window. */
const WARM_UP_MS = 5_000;
/** After an attack has stopped: what it started winds down before the processes are counted. */
const SETTLE_MS = 3_000;

export interface PhaseResult {
  name: string;
  /** The honest learners' answers whose time overlaps the measured window. */
  record: HonestRecord;
  /** Over the measured window. */
  cpu: CpuUse;
  /** Of the app's process tree, by command name, from the attack's start until it had stopped. */
  peakRss: Memory;
  /** Under the app, at rest: before the attack (after its set-up) and once it has stopped. */
  processes: { before: ProcessCounts; after: ProcessCounts };
  metrics: { before: AppMetrics; after: AppMetrics };
  attack: Attack | undefined;
}

export interface PhaseSettings {
  deployment: Deployment;
  seconds: number;
  /** Where the honest learners record: the phase opens its window there. */
  windows: HonestWindows;
}

const say = (name: string, what: string) => console.error(`  ${name}: ${what}`);

/**
 * One phase: the attack (none for `quiet`) set up, started, a warm-up, the measured window,
 * then the attack stopped and awaited, so that the next phase starts on a quiet app.
 */
export async function runPhase(
  name: string,
  attack: Attack | undefined,
  { deployment, seconds, windows }: PhaseSettings,
): Promise<PhaseResult> {
  const app = deployment.pids().app;
  if (app === undefined) throw new Error('the app has no process id: did it start?');
  if (attack?.prepare) {
    say(name, 'setting up');
    await attack.prepare();
  }
  const before = await settledProcesses(app);
  const metricsBefore = await appMetrics(deployment.url);
  const stop = new AbortController();
  // Every attacker waits on this one signal (60 of them for console-sandboxes): not a leak.
  setMaxListeners(0, stop.signal);
  const memory = peakRss(app);
  say(name, attack ? `attacking: ${attack.summary}` : 'no attack');
  const attacking = attack?.run(stop.signal);
  await sleep(WARM_UP_MS);
  const record = new HonestRecord();
  const cpuBefore = cpuSnapshot(deployment.pids());
  const close = windows.open(record);
  say(name, `measuring ${seconds} s`);
  await sleep(seconds * 1000);
  close();
  const cpu = cpuBetween(cpuBefore, cpuSnapshot(deployment.pids()));
  if (attacking) {
    say(name, 'stopping the attack, waiting for its requests to be answered');
    stop.abort();
    await attacking;
  }
  const peak = memory.stop();
  await sleep(SETTLE_MS);
  const after = await settledProcesses(app);
  const metricsAfter = await appMetrics(deployment.url);
  return {
    name,
    record,
    cpu,
    peakRss: peak,
    processes: { before, after },
    metrics: { before: metricsBefore, after: metricsAfter },
    attack,
  };
}
