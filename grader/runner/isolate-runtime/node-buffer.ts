import type { Buffer as BufferClass } from 'buffer';
import { withNodeEncodings } from './buffer-encodings.ts';

let loaded: typeof BufferClass | undefined;

/**
 * The Buffer polyfill, evaluated on first use. Evaluating it is most of what installing the
 * runtime costs in each context (a fifth of a millisecond), and most checks never touch a Buffer.
 */
export function nodeBuffer(): typeof BufferClass {
  // esbuild bundles `buffer` as a CommonJS module, which runs only when first required.
  loaded ??= withNodeEncodings((require('buffer') as typeof import('buffer')).Buffer);
  return loaded;
}

/** Defines `name` on `target` as the Buffer class, evaluated when first read, as Node has it. */
export function defineLazyBuffer(target: object, name: string, enumerable: boolean): void {
  const settle = (value: unknown) =>
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable });
  Object.defineProperty(target, name, {
    get() {
      const value = nodeBuffer();
      settle(value);
      return value;
    },
    set: settle,
    configurable: true,
    enumerable,
  });
}
