// fails: buy reads, decides and writes inside one Lua script
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

// Safe, as in transfer-points: WATCH both keys, read, decide, and write in MULTI/EXEC, again
// when EXEC answers null. But the exercise asks for the script, not for WATCH.
export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const wallet = `wallet:${user}`;
  const stock = `stock:${item}`;
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(wallet, stock);
    const [balance, left] = await redis.mget(wallet, stock);
    if (Number(left ?? 0) < 1) {
      await redis.unwatch();
      return 'no-stock';
    }
    if (Number(balance ?? 0) < price) {
      await redis.unwatch();
      return 'no-money';
    }
    const replies = await redis
      .multi()
      .decrby(wallet, price)
      .decr(stock)
      .rpush(`orders:${user}`, item)
      .exec();
    if (replies !== null) return 'ok';
  }
  throw new Error('the stock keeps changing');
}
