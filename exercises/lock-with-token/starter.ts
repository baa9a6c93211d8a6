import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

export async function acquire(redis: Redis, name: string, ttlMs: number): Promise<string | null> {
  // Take lock:<name> for ttlMs milliseconds, under a new token, unless someone holds it.
  void [redis, name, ttlMs, randomUUID];
  return null;
}

export async function release(redis: Redis, name: string, token: string): Promise<boolean> {
  // Delete lock:<name> only while it holds this token, in one atomic step.
  void [redis, name, token];
  return false;
}

export async function extend(
  redis: Redis,
  name: string,
  token: string,
  ttlMs: number,
): Promise<boolean> {
  // Give lock:<name> ttlMs milliseconds from now, only while it holds this token.
  void [redis, name, token, ttlMs];
  return false;
}
