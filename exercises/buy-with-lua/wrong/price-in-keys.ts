// fails: the script is given every key it uses in KEYS, and only keys
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

// Passes everything as KEYS: the price and the item are values, and on a Cluster a "key"
// named 120 would have to live in the same slot as the real keys.
const BUY = `
if tonumber(redis.call('GET', KEYS[2]) or '0') < 1 then return 'no-stock' end
if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(KEYS[4]) then return 'no-money' end
redis.call('DECRBY', KEYS[1], KEYS[4])
redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], KEYS[5])
return 'ok'
`;

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const keys = [`wallet:${user}`, `stock:${item}`, `orders:${user}`, String(price), item];
  return (await redis.eval(BUY, keys.length, ...keys)) as BuyResult;
}
