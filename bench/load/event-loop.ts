// The app process's event-loop delay, read from its own GET /metrics (prom-client's default
// metrics). prom-client empties its delay histogram at each scrape, so a scrape at the window's
// start and one at its end give the window's figures. A page that waits behind a busy event loop
// is the app's doing; one slow with a quiet loop waited for the machine.

/**
 * In milliseconds. Node samples the loop with a timer every 10 ms (prom-client's default) and
 * counts each tick's whole wait, so an idle loop reads about 10 ms, and one long stall is one
 * sample however many requests it held.
 */
export interface EventLoopDelay {
  p50: number;
  p99: number;
  max: number;
}

const NAMES = {
  p50: 'nodejs_eventloop_lag_p50_seconds',
  p99: 'nodejs_eventloop_lag_p99_seconds',
  max: 'nodejs_eventloop_lag_max_seconds',
} as const;

/** Scrapes the app; answers the delay since the scrape before, or why it could not be read. */
export async function eventLoopDelay(url: string): Promise<EventLoopDelay | { unread: string }> {
  try {
    const response = await fetch(new URL('/metrics', url));
    if (!response.ok) return { unread: `GET /metrics answered ${response.status}` };
    const text = await response.text();
    // `name{role="app"} 0.012`: the value is the line's last field.
    const read = (name: string) => {
      const line = text.split('\n').find((candidate) => /^[^\s{]+/.exec(candidate)?.[0] === name);
      return line === undefined ? Number.NaN : Number(line.split(' ').at(-1)) * 1000;
    };
    return { p50: read(NAMES.p50), p99: read(NAMES.p99), max: read(NAMES.max) };
  } catch (error) {
    return { unread: `GET /metrics failed: ${error instanceof Error ? error.message : error}` };
  }
}
