// The ACL users of a sandbox redis-server. Learner code only ever speaks as `learner`;
// the grader's trusted client speaks as `grader`; the default user is switched off so that
// nothing reaches the server without a password.

/** Commands learner code may never run: they reconfigure, stop, replicate or spy on the server. */
export const DENIED_COMMANDS = [
  'acl',
  'bgrewriteaof',
  'bgsave',
  'client',
  'cluster',
  'config',
  'debug',
  'failover',
  'migrate',
  'module',
  'monitor',
  'psync',
  'replconf',
  'replicaof',
  'save',
  'shutdown',
  'slaveof',
  'sync',
] as const;

/**
 * Subcommands denied although their command is allowed. SCRIPT DEBUG forks the sandbox
 * redis-server for the Lua debugger: the forks outlive the run and hold connections, and the
 * debugging state reached other learners' EVAL gradings.
 */
export const DENIED_SUBCOMMANDS = ['script|debug'] as const;

/**
 * Denied to code being graded, though the console allows them (lessons show INFO): they count
 * the clients connected and what they ran (INFO's clients, stats and commandstats sections;
 * MEMORY STATS's client buffers), so that code could tell when a check watches it with MONITOR,
 * or races it on connections of its own, and be careful only then.
 */
export const DENIED_WHILE_GRADED = [
  'info',
  'memory|stats',
  'memory|doctor',
  'memory|malloc-stats',
] as const;

export interface SandboxCredentials {
  graderPassword: string;
  learnerPassword: string;
}

/** With `graded`, for a sandbox that grades code (see DENIED_WHILE_GRADED). */
export function sandboxAclLines(
  { graderPassword, learnerPassword }: SandboxCredentials,
  graded: boolean,
): string[] {
  const denied = [...DENIED_COMMANDS, ...DENIED_SUBCOMMANDS, ...(graded ? DENIED_WHILE_GRADED : [])]
    .map((command) => `-${command}`)
    .join(' ');
  return [
    'user default off',
    `user grader on >${graderPassword} ~* &* +@all`,
    `user learner on >${learnerPassword} ~* &* +@all -@admin ${denied}`,
  ];
}
