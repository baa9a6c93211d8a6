import type Redis from 'ioredis';

// Both commands in one round trip, spelled as raw commands; results come in the order queued.
export async function main(redis: Redis): Promise<string | null> {
  const results = await redis
    .pipeline()
    .call('SET', 'weather', 'sunny')
    .call('GET', 'weather')
    .exec();
  const [written, read] = results ?? [];
  if (written?.[0]) throw written[0];
  if (read?.[0]) throw read[0];
  return (read?.[1] ?? null) as string | null;
}
