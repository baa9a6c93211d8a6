import type { Page } from 'playwright-core';

/** A slow mobile connection: 400 ms from a request sent to its answer's first byte, 1.5 Mbit/s. */
export const SLOW_NETWORK = {
  name: '400 ms RTT, 1.5 Mbit/s',
  latency: 400,
  bytesPerSecond: 1_500_000 / 8,
};

/**
 * Chromium's own throttling (DevTools' network conditions) for everything the page and its
 * workers fetch, both ways; set before the page navigates, so the document is throttled too.
 */
export async function throttle(page: Page, network: typeof SLOW_NETWORK): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: network.latency,
    downloadThroughput: network.bytesPerSecond,
    uploadThroughput: network.bytesPerSecond,
  });
}
