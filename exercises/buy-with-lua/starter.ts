import type Redis from 'ioredis';

export type BuyResult = 'ok' | 'no-stock' | 'no-money';

// The Lua script: read stock:<item> (KEYS[2]) and wallet:<user> (KEYS[1]), decide, and only
// then take the price, take one item and record the order in orders:<user> (KEYS[3]).
const BUY = `
return 'no-stock'
`;

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  // TODO: pass the three key names in KEYS and the price and the item in ARGV.
  const result = await redis.eval(BUY, 0);
  void [user, item, price];
  return result as BuyResult;
}
