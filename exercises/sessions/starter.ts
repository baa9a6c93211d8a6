import type Redis from 'ioredis';

export async function createSession(
  redis: Redis,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  // TODO: make a token with randomUUID() (from 'node:crypto'), store the hash
  // session:<token> with the fields userId and createdAt (Date.now()), expire it after
  // ttlSeconds, and return the token.
  void redis;
  void userId;
  void ttlSeconds;
  return '';
}

export async function touchSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
): Promise<string | null> {
  // TODO: read userId from session:<token>; if it is there, set the key's TTL back to
  // ttlSeconds and return the userId, otherwise return null (and write nothing).
  void redis;
  void token;
  void ttlSeconds;
  return null;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  // TODO: delete session:<token>.
  void redis;
  void token;
}
