/**
 * Bytes cross the isolate boundary as plain Uint8Array; Node code (ioredis, checks comparing
 * with Buffers) needs Buffers. Converts them throughout arrays and plain objects, cycles included.
 */
export function withNodeBuffers(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (value instanceof Uint8Array) {
    return Buffer.isBuffer(value)
      ? value
      : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  if (!value || typeof value !== 'object') return value;
  const done = seen.get(value);
  if (done) return done;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(withNodeBuffers(item, seen));
    return copy;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = withNodeBuffers(item, seen);
  return copy;
}
