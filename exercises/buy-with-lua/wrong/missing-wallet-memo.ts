// fails: buy reads Redis on every call, as the stock and the wallet change
// Remembers users who had no wallet key and answers "no-money" ever after, whatever they deposit.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const BUY = `
if tonumber(redis.call('GET', KEYS[2]) or '0') < 1 then return 'no-stock' end
local raw = redis.call('GET', KEYS[1])
if not raw then return 'no-wallet' end
if tonumber(raw) < tonumber(ARGV[1]) then return 'no-money' end
redis.call('DECRBY', KEYS[1], ARGV[1])
redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[2])
return 'ok'
`;

const noWallet = new Set<string>();

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  if (noWallet.has(user)) return 'no-money';
  const keys = [`wallet:${user}`, `stock:${item}`, `orders:${user}`];
  const result = (await redis.eval(BUY, keys.length, ...keys, price, item)) as
    | BuyResult
    | 'no-wallet';
  if (result === 'no-wallet') {
    noWallet.add(user);
    return 'no-money';
  }
  return result;
}
