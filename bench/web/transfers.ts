import type { Page } from 'playwright-core';

/** One response the page received, as Chromium's Resource Timing saw it. */
export interface Transfer {
  /** The path, e.g. `/assets/index-Bx3.js`. */
  path: string;
  /** The body's bytes as the server sent them (brotli or gzip), headers left out. */
  bytes: number;
  /** Answered from the browser's cache without a request to the server (not even a 304). */
  cached: boolean;
}

/**
 * Waits for the page to stop fetching: no new response for a second. Playwright's `networkidle`
 * does not wait for workers, whose scripts (TypeScript's is the largest file) load last.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  let seen = -1;
  for (;;) {
    const count = await page.evaluate(() => performance.getEntriesByType('resource').length);
    if (count === seen) return;
    seen = count;
    await page.waitForTimeout(1000);
  }
}

/**
 * What the page's document received so far, the document itself included. Resource Timing, not
 * CDP's Network.loadingFinished: Chromium reports a worker's script there without its body, so
 * the editor's largest file would count as its headers alone.
 */
export function transfers(page: Page): Promise<Transfer[]> {
  return page.evaluate(() =>
    [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ].map((entry) => {
      const { encodedBodySize, transferSize, responseStatus } = entry as PerformanceResourceTiming;
      return {
        path: new URL(entry.name).pathname,
        // A 304 names the cached body's size, but sent none.
        bytes: responseStatus === 304 ? 0 : encodedBodySize,
        // Chromium adds 300 bytes for headers to every response that crossed the network.
        cached: transferSize === 0,
      };
    }),
  );
}

/** Bytes that crossed the network, of the transfers `which` selects. */
export const sent = (all: Transfer[], which: (transfer: Transfer) => boolean = () => true) =>
  all.filter((transfer) => !transfer.cached && which(transfer)).reduce((n, t) => n + t.bytes, 0);
