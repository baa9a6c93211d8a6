// What a fidelity program returned, as plain JSON that says what each part was, so that the value
// from Node and the value from the sandbox compare exactly (a Buffer is not a Uint8Array, -0 is
// not 0, a missing value is not undefined). The harness appends this file's text to each program
// it runs in the sandbox, so it imports nothing and uses no Buffer method.

function hexOf(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += (byte < 16 ? '0' : '') + byte.toString(16);
  return hex;
}

export function comparableValue(value: unknown, ancestors: object[] = []): unknown {
  if (value === undefined) return { undefined: true };
  if (typeof value === 'number') {
    return Number.isFinite(value) && !Object.is(value, -0)
      ? value
      : { number: Object.is(value, -0) ? '-0' : String(value) };
  }
  if (typeof value === 'bigint') return { bigint: String(value) };
  if (typeof value === 'symbol') return { symbol: String(value) };
  if (typeof value === 'function') return { function: value.name };
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.includes(value)) return { cycle: true };
  const inner = (item: unknown) => comparableValue(item, [...ancestors, value]);
  const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? null;
  if (value instanceof Uint8Array) {
    const isBuffer = typeof Buffer !== 'undefined' && Buffer.isBuffer(value);
    return isBuffer ? { buffer: hexOf(value) } : { [kind ?? 'Uint8Array']: hexOf(value) };
  }
  if (ArrayBuffer.isView(value)) {
    return {
      [kind ?? 'view']: hexOf(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)),
    };
  }
  if (value instanceof ArrayBuffer) return { ArrayBuffer: hexOf(new Uint8Array(value)) };
  if (value instanceof Error) {
    const { code } = value as { code?: unknown };
    return {
      error: { name: value.name, message: value.message, text: String(value), code: inner(code) },
    };
  }
  if (value instanceof Date)
    return { date: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString() };
  if (value instanceof Map)
    return { map: [...value].map(([key, item]) => [inner(key), inner(item)]) };
  if (value instanceof Set) return { set: [...value].map(inner) };
  if (Array.isArray(value)) return value.map(inner);
  const fields: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) fields[key] = inner(item);
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? fields : { instance: kind, fields };
}
