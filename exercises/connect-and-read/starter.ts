import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  // TODO: send PING and return what Redis answers.
  void redis;
  return '';
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  // TODO: read the value under key as a Buffer, byte for byte, and return it.
  void redis;
  void key;
  return Buffer.alloc(0);
}
