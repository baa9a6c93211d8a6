/**
 * Where the grader tells of what goes wrong out of any learner's sight: a sandbox or a worker that
 * cannot be started again, a worker killed for overrunning its deadline. The server passes its
 * own logger (pino's fits); by itself, the grader writes one line to standard error.
 */
export interface GraderLog {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const stderrLog: GraderLog = {
  warn: (fields, message) => console.error(`keyspace grader: ${message}${detail(fields)}`),
  error: (fields, message) => console.error(`keyspace grader: ${message}${detail(fields)}`),
};

function detail(fields: Record<string, unknown>): string {
  const { err, ...rest } = fields;
  const parts = [
    ...(err instanceof Error ? [err.message] : []),
    ...Object.entries(rest).map(([key, value]) => `${key}=${String(value)}`),
  ];
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
