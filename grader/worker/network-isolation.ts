import { spawnSync } from 'node:child_process';

let prefix: string[] | undefined;

/** What an operator is told when workers run without a network namespace. */
export const NO_NETWORK_NAMESPACE =
  'grader workers can reach the network: this kernel or user cannot create a network namespace, so only their isolates hold learner code in (keyspace doctor checks it)';

/**
 * The command that starts a worker in a network namespace of its own (no route anywhere; the
 * sandbox Redis is reached by Unix socket), or [] where the kernel or the user cannot have one.
 * Probed once per process: as root `unshare --net` works; otherwise a user namespace may.
 */
export function networkIsolationPrefix(): string[] {
  prefix ??=
    [
      ['unshare', '--net', '--'],
      ['unshare', '--net', '--map-root-user', '--'],
    ].find(
      (candidate) => spawnSync(candidate[0] ?? '', [...candidate.slice(1), 'true']).status === 0,
    ) ?? [];
  return prefix;
}
