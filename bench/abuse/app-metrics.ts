/** What the app's GET /metrics says of its workers and sandboxes (no token: the bench sets none). */
export interface AppMetrics {
  workerRestarts: number | undefined;
  consoleSandboxes: number | undefined;
}

function value(text: string, name: string, label = ''): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) && line.includes(label)) return Number(line.split(' ').at(-1));
  }
  return undefined;
}

export async function appMetrics(url: string): Promise<AppMetrics> {
  try {
    const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    return {
      workerRestarts: value(text, 'keyspace_worker_restarts_total'),
      consoleSandboxes: value(text, 'keyspace_sandboxes', 'use="console"'),
    };
  } catch {
    // A busy app may not answer in time: the report shows a dash.
    return { workerRestarts: undefined, consoleSandboxes: undefined };
  }
}
