import type Redis from 'ioredis';

// defineCommand(): a Lua script becomes a method of the client, with its Buffer twin, callable
// with a callback and queued on pipeline() and multi() chains made after it was defined; the
// `scripts` option defines them too. Errors from the script arrive as Redis's.

type Script = (...args: unknown[]) => Promise<unknown>;
type WithScripts = Record<string, Script>;

export default async function main(redis: Redis) {
  const before = redis.pipeline() as unknown as WithScripts;
  redis.defineCommand('addAndGet', {
    numberOfKeys: 1,
    lua: "redis.call('INCRBY', KEYS[1], ARGV[1]) return redis.call('GET', KEYS[1])",
  });
  redis.defineCommand('keysThenArgs', { lua: 'return {KEYS[1], ARGV[1], #KEYS}' });
  redis.defineCommand('refuses', {
    numberOfKeys: 0,
    lua: "return redis.error_reply('ERR not today')",
  });
  const custom = redis as unknown as WithScripts & Redis;

  const direct = [
    await custom.addAndGet?.('counter', 5),
    await custom.addAndGet?.('counter', 7),
    await custom.addAndGetBuffer?.('counter', 1),
    await custom.keysThenArgs?.(1, 'a-key', 'an-arg'),
  ];
  const refused = await custom.refuses?.().catch((error: Error) => error.message);
  const viaCallback = await new Promise((resolve) => {
    void custom.addAndGet?.('counter', 1, (error: Error | null, value: unknown) =>
      resolve([error, value]),
    );
  });

  const pipeline = redis.pipeline() as unknown as WithScripts & { exec(): Promise<unknown> };
  pipeline.addAndGet?.('piped', 2);
  pipeline.refuses?.();
  const piped = (await pipeline.exec()) as [Error | null, unknown][];
  const multi = redis.multi() as unknown as WithScripts & { exec(): Promise<unknown> };
  multi.addAndGet?.('multi', 3);
  multi.keysThenArgsBuffer?.(0, 'only-an-arg');
  const transaction = (await multi.exec()) as [Error | null, unknown][];
  const batched = await redis.pipeline([['addAndGet', 'batched', 4]]).exec();

  const withOption = redis.duplicate({
    scripts: { double: { numberOfKeys: 0, lua: 'return ARGV[1] * 2' } },
  }) as unknown as WithScripts & Redis;
  const doubled = await withOption.double?.(21);
  await withOption.quit();
  const duplicate = redis.duplicate() as unknown as WithScripts & Redis;
  const carried = typeof duplicate.addAndGet;
  duplicate.disconnect();

  return {
    direct,
    refused,
    viaCallback,
    piped: piped.map(([error, value]) => (error ? `error: ${error.message}` : value)),
    transaction: transaction.map(([error, value]) => (error ? `error: ${error.message}` : value)),
    batched,
    doubled,
    onPipelineMadeBefore: typeof before.addAndGet,
    onDuplicate: carried,
    ownMethods: Object.keys(redis).filter((key) => /addAndGet|refuses/.test(key)),
  };
}
