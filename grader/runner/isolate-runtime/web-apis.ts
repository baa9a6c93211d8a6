import structuredClone from '@ungap/structured-clone';
import type { Buffer } from 'buffer';
import type { Host } from './host.ts';
import { defineLazyBuffer, nodeBuffer } from './node-buffer.ts';

/** UTF-8 only, like most code needs; built on the Buffer polyfill. */
class TextEncoder {
  readonly encoding = 'utf-8';
  encode(text = ''): Uint8Array {
    return new Uint8Array(nodeBuffer().from(String(text), 'utf8'));
  }
}

class TextDecoder {
  readonly encoding = 'utf-8';
  decode(bytes?: ArrayBuffer | ArrayBufferView): string {
    if (!bytes) return '';
    const view = ArrayBuffer.isView(bytes)
      ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      : new Uint8Array(bytes);
    return nodeBuffer().from(view).toString('utf8');
  }
}

export function createCrypto(randomBytesRef: Host['randomBytes']) {
  const randomBytes = (size: number): Buffer => {
    if (!Number.isInteger(size) || size < 0 || size > 65_536) {
      throw new RangeError('randomBytes(size) takes a whole number of bytes from 0 to 65536');
    }
    return nodeBuffer().from(
      randomBytesRef.applySync(undefined, [size], { result: { copy: true } }),
    );
  };
  const randomUUID = (): string => {
    const bytes = randomBytes(16);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  const getRandomValues = <T extends ArrayBufferView>(array: T): T => {
    const bytes = randomBytes(array.byteLength);
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
    return array;
  };
  return { randomBytes, randomUUID, getRandomValues };
}

export function installWebApis(crypto: ReturnType<typeof createCrypto>): void {
  defineLazyBuffer(globalThis, 'Buffer', false);
  Object.assign(globalThis, {
    TextEncoder,
    TextDecoder,
    structuredClone: (value: unknown) => structuredClone(value, { lossy: false }),
    crypto: { randomUUID: crypto.randomUUID, getRandomValues: crypto.getRandomValues },
  });
}
