import { ATTACK_NAMES, type AttackName } from './attacks/index.ts';

export interface Settings {
  phaseSeconds: number;
  attacks: AttackName[];
  logs: string | undefined;
}

/** The environment's settings, every problem listed at once; exits 64 on any. */
export function readSettings(env = process.env): Settings {
  const problems: string[] = [];
  // About 250 requests an endpoint a phase: a p99 of fewer is its slowest answer, and noise.
  const seconds = Number(env.BENCH_PHASE_SECONDS || 180);
  if (!Number.isInteger(seconds) || seconds < 1) {
    problems.push(
      `BENCH_PHASE_SECONDS must be a whole number ≥ 1, not '${env.BENCH_PHASE_SECONDS}'`,
    );
  }
  const listed = (env.BENCH_ATTACKS || ATTACK_NAMES.join(','))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of listed) {
    if (!(ATTACK_NAMES as string[]).includes(name)) {
      problems.push(`BENCH_ATTACKS lists attacks among ${ATTACK_NAMES.join(', ')}; not '${name}'`);
    }
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(64);
  }
  return {
    phaseSeconds: seconds,
    attacks: [...new Set(listed)] as AttackName[],
    logs: env.BENCH_LOGS || undefined,
  };
}
