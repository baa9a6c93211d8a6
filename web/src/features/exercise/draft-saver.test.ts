import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api-client.ts';
import { DraftSaver, RETRY_MS, SAVE_DELAY_MS, type SaveStatus } from './draft-saver.ts';

/** A saver whose writes are recorded, each answered when the test says. */
function saverWithServer() {
  const writes: { what: string | null; keepalive: boolean; answer: (error?: Error) => void }[] = [];
  const statuses: SaveStatus[] = [];
  const write = (what: string | null, { keepalive }: { keepalive: boolean }) =>
    new Promise<void>((resolve, reject) => {
      writes.push({ what, keepalive, answer: (error) => (error ? reject(error) : resolve()) });
    });
  const saver = new DraftSaver(
    {
      save: (source, options) => write(source, options),
      forget: (options) => write(null, options),
    },
    (status) => statuses.push(status),
  );
  const last = () => statuses.at(-1)?.state;
  return { saver, writes, statuses, last };
}

/** Lets the saver see a write's answer (promise callbacks run between timers). */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('DraftSaver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once, a moment after the last change', async () => {
    const { saver, writes, last } = saverWithServer();
    saver.change('a');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS / 2);
    saver.change('ab');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 1);
    expect(writes).toHaveLength(0);
    expect(last()).toBe('saving');
    await vi.advanceTimersByTimeAsync(1);
    expect(writes.map((write) => write.what)).toEqual(['ab']);
    writes[0]?.answer();
    await settle();
    expect(last()).toBe('saved');
  });

  it('sends a change made during a save after that save, never beside it', async () => {
    const { saver, writes, last } = saverWithServer();
    saver.change('first');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    saver.change('second');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(writes).toHaveLength(1);
    writes[0]?.answer();
    await settle();
    expect(writes.map((write) => write.what)).toEqual(['first', 'second']);
    expect(last()).toBe('saving');
    writes[1]?.answer();
    await settle();
    expect(last()).toBe('saved');
  });

  it('keeps the code when the server is away, says so, and tries again later', async () => {
    const { saver, writes, statuses } = saverWithServer();
    saver.change('code');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    writes[0]?.answer(new ApiError(0, 'The Keyspace server cannot be reached.'));
    await settle();
    expect(statuses.at(-1)).toEqual({
      state: 'failed',
      message: 'The Keyspace server cannot be reached.',
    });
    saver.change('code, more');
    await vi.advanceTimersByTimeAsync(RETRY_MS.first - 1);
    expect(writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes[1]?.what).toBe('code, more');
  });

  it('waits as long as a 429 says before trying again', async () => {
    const { saver, writes } = saverWithServer();
    saver.change('code');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    writes[0]?.answer(new ApiError(429, 'too many requests', 'rate_limited', 30));
    await settle();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes[1]?.what).toBe('code');
  });

  it('does not send again what the server refused, until the code changes', async () => {
    const { saver, writes, last } = saverWithServer();
    saver.change('x'.repeat(10));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    writes[0]?.answer(new ApiError(413, 'the code is too long', 'bad_request'));
    await settle();
    await vi.advanceTimersByTimeAsync(RETRY_MS.max);
    expect(writes).toHaveLength(1);
    expect(last()).toBe('failed');
    saver.change('x');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(writes.map((write) => write.what)).toEqual(['x'.repeat(10), 'x']);
  });

  it('sends pending code at once, kept alive, when the page is left', () => {
    const { saver, writes } = saverWithServer();
    saver.change('last words');
    saver.close();
    expect(writes).toEqual([expect.objectContaining({ what: 'last words', keepalive: true })]);
    saver.flush();
    expect(writes).toHaveLength(1);
  });

  it('forgets the code after a save still pending, not before it', async () => {
    const { saver, writes, last } = saverWithServer();
    saver.change('attempt');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    saver.reset();
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toHaveLength(1);
    writes[0]?.answer();
    await settle();
    expect(writes.map((write) => write.what)).toEqual(['attempt', null]);
    writes[1]?.answer();
    await settle();
    expect(last()).toBe('saved');
  });
});
