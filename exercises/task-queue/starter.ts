import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  // TODO: add task at the tail of the list queue:<queue>; return the list's new length.
  void redis;
  void queue;
  void task;
  return 0;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  // TODO: remove and return the oldest task, at the head of queue:<queue> (null when empty).
  void redis;
  void queue;
  return null;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  // TODO: add event at the head of events:recent, then keep only the 5 newest events.
  void redis;
  void event;
}
