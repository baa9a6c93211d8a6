import type Redis from 'ioredis';

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  // TODO: WATCH points:<from>, read the balance, and return false (after UNWATCH) when it is
  // below amount. Otherwise DECRBY points:<from> and INCRBY points:<to> inside MULTI/EXEC;
  // when EXEC answers null, the balance changed: start again.
  void redis;
  void from;
  void to;
  void amount;
  return false;
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  // TODO: SET points:<user> to each user's score, all in one pipeline (or one MSET).
  void redis;
  void scores;
}
