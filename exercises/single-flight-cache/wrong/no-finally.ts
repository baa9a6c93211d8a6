// fails: a source that fails makes getPrice throw, and leaves no lock behind
// The release is not in a finally: when HGET throws, the lock stays for 5 s.
import { randomInt, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function getPrice(redis: Redis, id: string): Promise<string | null> {
  const key = `cache:price:${id}`;
  const lock = `lock:price:${id}`;
  for (let attempt = 0; attempt < 120; attempt++) {
    const cached = await redis.get(key);
    if (cached !== null) return cached === '' ? null : cached;
    const token = randomUUID();
    if ((await redis.set(lock, token, 'PX', 5000, 'NX')) === null) {
      await sleep(50);
      continue;
    }
    const again = await redis.get(key);
    let answer: string | null;
    if (again !== null) {
      answer = again === '' ? null : again;
    } else {
      answer = await redis.hget('db:prices', id);
      if (answer === null) await redis.set(key, '', 'EX', 30);
      else await redis.set(key, answer, 'EX', 300 + randomInt(0, 61));
    }
    await redis.eval(RELEASE, 1, lock, token);
    return answer;
  }
  throw new Error('lock busy');
}
