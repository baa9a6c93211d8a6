// The value written as bytes (a Buffer), the read sent as a Command object through sendCommand.
import Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', Buffer.from('sunny'));
  return (await redis.sendCommand(
    new Redis.Command('get', ['weather'], { replyEncoding: 'utf8' }),
  )) as string | null;
}
