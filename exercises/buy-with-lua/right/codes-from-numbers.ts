import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

// The script answers a number, and TypeScript turns it into the result. MGET reads both
// values in one command; INCRBY with a negative amount takes the money.
const BUY = `
local values = redis.call('MGET', KEYS[1], KEYS[2])
local balance = tonumber(values[1]) or 0
local stock = tonumber(values[2]) or 0
local price = tonumber(ARGV[1])
if stock <= 0 then return 1 end
if balance - price < 0 then return 2 end
redis.call('INCRBY', KEYS[1], -price)
redis.call('INCRBY', KEYS[2], -1)
redis.call('RPUSH', KEYS[3], ARGV[2])
return 0
`;

const RESULTS: BuyResult[] = ['ok', 'no-stock', 'no-money'];

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const keys = [`wallet:${user}`, `stock:${item}`, `orders:${user}`];
  const code = (await redis.eval(BUY, keys.length, ...keys, String(price), item)) as number;
  const result = RESULTS[code];
  if (result === undefined) throw new Error(`the buy script answered ${code}`);
  return result;
}
