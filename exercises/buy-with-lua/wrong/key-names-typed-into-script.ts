// fails: buy reads, decides and writes inside one Lua script
// Declares the three keys in KEYS but also types their names into the script's text, where it uses them: a new script for every user and item, and the names with a quote break it unless escaped.
import type Redis from 'ioredis';

export type BuyResult = 'ok' | 'no-stock' | 'no-money';

const buyScript = (wallet: string, stock: string, orders: string) => `
local stock = tonumber(redis.call('GET', ${stock}) or '0')
if stock < 1 then
  return 'no-stock'
end
local balance = tonumber(redis.call('GET', ${wallet}) or '0')
local price = tonumber(ARGV[1])
if balance < price then
  return 'no-money'
end
redis.call('DECRBY', ${wallet}, price)
redis.call('DECR', ${stock})
redis.call('RPUSH', ${orders}, ARGV[2])
return 'ok'
`;

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const result = await redis.eval(
    buyScript(
      JSON.stringify(`wallet:${user}`),
      JSON.stringify(`stock:${item}`),
      JSON.stringify(`orders:${user}`),
    ),
    3,
    `wallet:${user}`,
    `stock:${item}`,
    `orders:${user}`,
    price,
    item,
  );
  return result as BuyResult;
}
