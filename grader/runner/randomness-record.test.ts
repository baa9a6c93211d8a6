import { describe, expect, it } from 'vitest';
import { RANDOM_BYTES_PER_CHECK, RandomnessRecord } from './randomness-record.ts';

const drawn = (outcome: unknown) => (outcome as { value: unknown }).value;

describe('the record of random values drawn in one check', () => {
  it('records each draw with the API that asked for it', () => {
    const record = new RandomnessRecord();
    const uuid = drawn(record.draw('randomUUID', []));
    const bytes = drawn(record.draw('randomBytes', [4])) as Uint8Array;
    const int = drawn(record.draw('randomInt', [10, 20]));
    drawn(record.draw('getRandomValues', [2]));
    const hex = Buffer.from(bytes).toString('hex');
    expect(record.draws()).toMatchObject([
      { api: 'randomUUID', value: uuid },
      { api: 'randomBytes', hex, base64url: Buffer.from(bytes).toString('base64url') },
      { api: 'randomInt', value: int },
      { api: 'getRandomValues' },
    ]);
    expect(int).toBeGreaterThanOrEqual(10);
  });

  it('finds a draw in a text in any of its forms', () => {
    const record = new RandomnessRecord();
    const uuid = drawn(record.draw('randomUUID', [])) as string;
    const bytes = Buffer.from(drawn(record.draw('randomBytes', [24])) as Uint8Array);
    for (const text of [
      uuid,
      `session:${uuid.toUpperCase()}`,
      uuid.replace(/-/g, ''),
      `t_${bytes.toString('hex').toUpperCase()}`,
      bytes.toString('base64'),
      bytes.toString('base64url'),
    ]) {
      expect({ text, found: record.includes(text) }).toEqual({ text, found: true });
    }
    expect(record.includes(`${Date.now()}-${Math.random()}`)).toBe(false);
    expect(record.includes('')).toBe(false);
  });

  it('counts a short form only when the text is exactly that form', () => {
    const record = new RandomnessRecord();
    const int = String(drawn(record.draw('randomInt', [10])));
    const byte = Buffer.from(drawn(record.draw('randomBytes', [1])) as Uint8Array).toString('hex');
    expect(record.includes(int)).toBe(true);
    expect(record.includes(`order-${int}`)).toBe(false);
    expect(record.includes(byte)).toBe(true);
    expect(record.includes(`x${byte}`)).toBe(false);
  });

  it('counts the random bytes a token keeps for itself, not those another token holds too', () => {
    const record = new RandomnessRecord();
    const uuid = drawn(record.draw('randomUUID', [])) as string;
    const hex = (size: number) =>
      Buffer.from(drawn(record.draw('randomBytes', [size])) as Uint8Array).toString('hex');
    const [shared, own, small] = [hex(32), hex(16), hex(8)];
    const int = drawn(record.draw('randomInt', [1_000_000, 2_000_000]));
    expect(record.bytesIn(`s:${uuid}`)).toBe(16);
    expect(record.bytesIn(`${shared}.${own}`)).toBe(32);
    expect(record.bytesIn(`${shared}.${own}`, [`${shared}.x`])).toBe(16);
    expect(record.bytesIn(`${shared}-1`, [`${shared}-2`])).toBe(0);
    expect(record.bytesIn(`${small}`)).toBe(8);
    expect(record.bytesIn(`${int}`)).toBe(0);
    expect(record.bytesIn(`${Date.now()}`)).toBe(0);
  });

  it("answers Node's own errors as data, with their code, and records nothing for them", () => {
    const record = new RandomnessRecord();
    expect(record.draw('randomInt', [5, 5])).toEqual({
      error: {
        name: 'RangeError',
        code: 'ERR_OUT_OF_RANGE',
        bracketed: true,
        message:
          'The value of "max" is out of range. It must be greater than the value of "min" (5). Received 5',
      },
    });
    expect(record.draw('randomBytes', ['16'])).toMatchObject({
      error: { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' },
    });
    expect(record.draw('Math.random', [])).toMatchObject({ error: { name: 'TypeError' } });
    expect(record.draws()).toEqual([]);
  });

  it('refuses to draw more than its budget of random bytes in one check', () => {
    const record = new RandomnessRecord();
    expect(drawn(record.draw('randomBytes', [RANDOM_BYTES_PER_CHECK - 8]))).toHaveLength(
      RANDOM_BYTES_PER_CHECK - 8,
    );
    expect(record.draw('randomUUID', [])).toMatchObject({
      error: { name: 'RangeError', message: expect.stringMatching(/at most 1 MB/) },
    });
    expect(record.draw('getRandomValues', [65_537])).toMatchObject({
      error: { name: 'RangeError' },
    });
  });
});
