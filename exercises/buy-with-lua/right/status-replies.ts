// defineCommand without numberOfKeys (the count comes first in each call); the script answers
// with redis.status_reply, which ioredis hands back as the plain string.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const BUY = `
local stock = redis.call('GET', KEYS[2])
if not stock or tonumber(stock) <= 0 then return redis.status_reply('no-stock') end
local balance = redis.call('GET', KEYS[1])
if not balance or tonumber(balance) - tonumber(ARGV[1]) < 0 then
  return redis.status_reply('no-money')
end
redis.call('DECRBY', KEYS[1], ARGV[1])
redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[2])
return redis.status_reply('ok')
`;

type Shop = Redis & {
  shopBuyDynamic(numberOfKeys: number, ...args: (string | number)[]): Promise<BuyResult>;
};

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  if (!('shopBuyDynamic' in redis)) redis.defineCommand('shopBuyDynamic', { lua: BUY });
  const shop = redis as Shop;
  return shop.shopBuyDynamic(3, `wallet:${user}`, `stock:${item}`, `orders:${user}`, price, item);
}
