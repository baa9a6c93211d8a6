import { describe, expect, it } from 'vitest';
import { withNodeBuffers } from './with-buffers.ts';

describe('withNodeBuffers', () => {
  it('turns Uint8Arrays into Buffers inside arrays and plain objects', () => {
    const converted = withNodeBuffers({
      image: new Uint8Array([1, 2]),
      list: [new Uint8Array([3])],
    });
    expect(converted).toEqual({ image: Buffer.from([1, 2]), list: [Buffer.from([3])] });
    expect(Buffer.isBuffer((converted as { image: unknown }).image)).toBe(true);
  });

  it('keeps cycles as cycles instead of recursing forever', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    const converted = withNodeBuffers(loop) as Record<string, unknown>;
    expect(converted.self).toBe(converted);
  });
});
