import structuredClone from '@ungap/structured-clone';
import { defineLazyBuffer, nodeBuffer } from './node-buffer.ts';
import type { NodeCrypto } from './node-crypto.ts';

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

export function installWebApis(crypto: NodeCrypto): void {
  defineLazyBuffer(globalThis, 'Buffer', false);
  Object.assign(globalThis, {
    TextEncoder,
    TextDecoder,
    structuredClone: (value: unknown) => structuredClone(value, { lossy: false }),
    crypto: { randomUUID: crypto.randomUUID, getRandomValues: crypto.getRandomValues },
  });
}
