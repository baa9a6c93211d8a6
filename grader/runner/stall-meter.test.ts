import { afterEach, describe, expect, it, vi } from 'vitest';
import { StallMeter } from './stall-meter.ts';

function blockFor(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // The thread does nothing else meanwhile: no timer of it can fire.
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a stall meter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads how long the thread was held up, whether its timer or the reading saw it first', async () => {
    const meter = new StallMeter();
    const sawTimer = meter.heldUp();
    await sleep(30);
    blockFor(200);
    await sleep(30);
    const blockedThenTicked = sawTimer();
    const sawReading = meter.heldUp();
    blockFor(150);
    const blockedThenRead = sawReading();
    meter.stop();
    expect(blockedThenTicked).toBeGreaterThanOrEqual(180);
    expect(blockedThenRead).toBeGreaterThanOrEqual(130);
    // Held up no longer than the readings lasted.
    expect(blockedThenTicked).toBeLessThan(200 + 60 + 1_000);
    expect(blockedThenRead).toBeLessThan(150 + 1_000);
  });

  it('reads nothing while its timers fire on time, each reading from its own start', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const meter = new StallMeter();
    const first = meter.heldUp();
    vi.advanceTimersByTime(200);
    const second = meter.heldUp();
    vi.advanceTimersByTime(300);
    expect([first(), second()]).toEqual([0, 0]);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('reads on as the thread is held up, each reading from its own start', () => {
    const meter = new StallMeter();
    const reading = meter.heldUp();
    blockFor(80);
    const once = reading();
    const later = meter.heldUp();
    blockFor(80);
    expect(once).toBeGreaterThanOrEqual(60);
    expect(reading()).toBeGreaterThanOrEqual(once + 60);
    expect(later()).toBeGreaterThanOrEqual(60);
    expect(later()).toBeLessThan(reading());
    meter.stop();
  });

  it('stops looking at the clock with the check, for good', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    const meter = new StallMeter();
    meter.heldUp();
    meter.heldUp();
    meter.stop();
    expect(vi.getTimerCount()).toBe(0);
    // The check's code may run on past its deadline: it reads nothing more, and starts no ticker.
    expect(meter.heldUp()()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
