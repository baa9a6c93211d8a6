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

export interface SandboxCredentials {
  graderPassword: string;
  learnerPassword: string;
}

export function sandboxAclLines({ graderPassword, learnerPassword }: SandboxCredentials): string[] {
  const denied = [...DENIED_COMMANDS, ...DENIED_SUBCOMMANDS]
    .map((command) => `-${command}`)
    .join(' ');
  return [
    'user default off',
    `user grader on >${graderPassword} ~* &* +@all`,
    `user learner on >${learnerPassword} ~* &* +@all -@admin ${denied}`,
  ];
}
