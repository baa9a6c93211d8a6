import type Redis from 'ioredis';

export interface ChatMessage {
  user: string;
  text: string;
}

export async function say(redis: Redis, room: string, user: string, text: string): Promise<number> {
  // Store JSON.stringify({ user, text }) at the tail of chat:<room>:history (50 newest kept),
  // then publish it on chat:<room> and return how many subscribers received it.
  void [redis, room, user, text];
  return 0;
}

export async function listen(
  redis: Redis,
  room: string,
  count: number,
  timeoutMs: number,
): Promise<ChatMessage[]> {
  // Subscribe to chat:<room> on a connection of your own (redis.duplicate()), collect the first
  // `count` messages or what arrived within timeoutMs, then close that connection.
  void [redis, room, count, timeoutMs];
  return [];
}

export async function watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  // Wait, on a connection of your own, for the "expired" event of `key`: true if it comes within
  // timeoutMs, false otherwise.
  void [redis, key, timeoutMs];
  return false;
}
