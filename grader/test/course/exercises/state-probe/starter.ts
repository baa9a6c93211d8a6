import type Redis from 'ioredis';

export async function streams(_redis: Redis): Promise<unknown> {
  // TODO: read the stream, then read it again through a consumer group.
  return null;
}

export async function scripts(_redis: Redis): Promise<unknown> {
  // TODO: run a Lua script and a Redis function.
  return null;
}

export async function batches(_redis: Redis): Promise<unknown> {
  // TODO: send a pipeline and a transaction.
  return null;
}
