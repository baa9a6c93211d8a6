import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

// defineCommand adds a method that sends the script with EVAL the first time on a connection,
// then only its SHA1 with EVALSHA, and the script again when Redis answers NOSCRIPT.
const BUY = `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < 1 then return 'no-stock' end
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
local price = tonumber(ARGV[1])
if balance < price then return 'no-money' end
redis.call('DECRBY', KEYS[1], price)
redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[2])
return 'ok'
`;

type Shop = Redis & {
  shopBuy(
    wallet: string,
    stock: string,
    orders: string,
    price: number,
    item: string,
  ): Promise<BuyResult>;
};

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  if (!('shopBuy' in redis)) {
    redis.defineCommand('shopBuy', { numberOfKeys: 3, lua: BUY });
  }
  return (redis as Shop).shopBuy(`wallet:${user}`, `stock:${item}`, `orders:${user}`, price, item);
}
