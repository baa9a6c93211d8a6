import type { Buffer } from 'buffer';
import { eventsModule } from './event-emitter.ts';
import type { Host } from './host.ts';
import { defineLazyBuffer, nodeBuffer } from './node-buffer.ts';
import type { NodeCrypto } from './node-crypto.ts';

type Encoding = BufferEncoding | { encoding?: BufferEncoding | null } | null | undefined;

function decode(bytes: Uint8Array, options: Encoding): Buffer | string {
  const buffer = nodeBuffer().from(bytes);
  const encoding = typeof options === 'string' ? options : options?.encoding;
  return encoding ? buffer.toString(encoding) : buffer;
}

/** The only modules learner code can import, by specifier, with their exports. */
export function createModules(
  host: Host,
  Redis: { readonly Command: unknown },
  crypto: NodeCrypto,
): Record<string, Record<string, unknown>> {
  const readFileSync = (path: unknown, options?: Encoding) =>
    decode(
      host.readFixture.applySync(undefined, [String(path)], { result: { copy: true } }),
      options,
    );
  const readFile = async (path: unknown, options?: Encoding) =>
    decode(
      await host.readFixture.apply(undefined, [String(path)], {
        result: { copy: true, promise: true },
      }),
      options,
    );

  const ioredis = { default: Redis, Redis, Command: Redis.Command };
  const fsPromises = { readFile, default: { readFile } };
  const fs = {
    readFileSync,
    promises: { readFile },
    default: { readFileSync, promises: { readFile } },
  };
  const cryptoModule = { ...crypto, default: crypto };
  const bufferDefault = {};
  defineLazyBuffer(bufferDefault, 'Buffer', true);
  const buffer = { default: bufferDefault };
  defineLazyBuffer(buffer, 'Buffer', true);
  return {
    ioredis,
    'node:fs/promises': fsPromises,
    'fs/promises': fsPromises,
    'node:fs': fs,
    fs,
    'node:crypto': cryptoModule,
    crypto: cryptoModule,
    'node:buffer': buffer,
    buffer,
    'node:events': eventsModule,
    events: eventsModule,
  };
}
