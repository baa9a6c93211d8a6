import type { EnvironmentName } from './settings.ts';

// The one module that reads the process's environment (Biome's noProcessEnv holds the rest of
// the code to that): what Keyspace reads is in the settings table, and nowhere else.

/** Variables of the system, not Keyspace's, that it reads: where to look for redis-server. */
type SystemVariable = 'PATH';

/** The environment as a command receives it, or as a test hands one to it. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * A variable as set, an empty one as unset: Compose's `${X:-}` hands a container an empty X
 * for one its operator did not set.
 */
export function environmentVariable(
  name: EnvironmentName | SystemVariable,
  environment: Environment = process.env,
): string | undefined {
  return environment[name] || undefined;
}

/** A copy of this process's environment, for a child process to start from. */
export function inheritedEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env };
}
