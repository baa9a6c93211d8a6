import type Redis from 'ioredis';

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  // TODO: store plan under trial:<user>, ending in `seconds`, only if the user has no trial.
  void [redis, user, plan, seconds];
  return false;
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  // TODO: move the end of trial:<user> to `seconds` from now, only when that is later.
  void [redis, user, seconds];
  return false;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  // TODO: make trial:<user> end at the Unix time `unixSeconds`.
  void [redis, user, unixSeconds];
  return false;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  // TODO: remove the expiry of trial:<user>.
  void [redis, user];
  return false;
}
