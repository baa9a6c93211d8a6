// Loads the script with SCRIPT LOAD before every buy (a flushed cache is never a problem) and
// runs it with EVALSHA; the script answers a number, which buy turns into the answer.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const ANSWERS: BuyResult[] = ['ok', 'no-stock', 'no-money'];

const BUY = `
local stock = tonumber(redis.call('GET', KEYS[1]) or 0)
local balance = tonumber(redis.call('GET', KEYS[2]) or 0)
local price = tonumber(ARGV[1])
if stock < 1 then return 1 end
if balance < price then return 2 end
redis.call('SET', KEYS[2], string.format('%d', balance - price))
redis.call('DECR', KEYS[1])
redis.call('RPUSH', KEYS[3], ARGV[2])
return 0`;

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const sha = (await redis.script('LOAD', BUY)) as string;
  const code = await redis.evalsha(
    sha,
    3,
    `stock:${item}`,
    `wallet:${user}`,
    `orders:${user}`,
    price,
    item,
  );
  const answer = ANSWERS[Number(code)];
  if (answer === undefined) throw new Error(`the buy script answered ${String(code)}`);
  return answer;
}
