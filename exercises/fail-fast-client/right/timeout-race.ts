import Redis from 'ioredis';

// ioredis's own retry schedule, and a deadline of our own: whichever comes first answers.
export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis();
  redis.on('error', (error) => console.log('redis:', error.message));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(fallback), 900);
  });
  try {
    return await Promise.race([redis.get(key).then((value) => value ?? fallback), deadline]);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}
