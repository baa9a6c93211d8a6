import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  // TODO: write name, email and city to the hash user:<id> with one HSET.
  void redis;
  void id;
  void profile;
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  // TODO: read every field of user:<id> with HGETALL; return null when there is no such user.
  void redis;
  void id;
  return null;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  // TODO: add points to the field points of user:<id> with HINCRBY; return the new total.
  void redis;
  void id;
  void points;
  return 0;
}
