// fails: buy reads, decides and writes inside one Lua script
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

// The writes are one script, but the decision was made in TypeScript on values read before
// it: another buy can take the last item in between.
const WRITE = `
redis.call('DECRBY', KEYS[1], ARGV[1])
redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[2])
return 'ok'
`;

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const [balance, stock] = await redis.mget(`wallet:${user}`, `stock:${item}`);
  if (Number(stock ?? 0) < 1) return 'no-stock';
  if (Number(balance ?? 0) < price) return 'no-money';
  await redis.eval(WRITE, 3, `wallet:${user}`, `stock:${item}`, `orders:${user}`, price, item);
  return 'ok';
}
