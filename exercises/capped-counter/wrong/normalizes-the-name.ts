// fails: hit adds 1 to counter:<name> and returns the new count as a number
// Normalises the name to NFC, so a name written with a combining accent counts in another key.
import type Redis from 'ioredis';

// Redis runs the whole script as one step: no other client's command can come between the GET
// and the INCR, so two hits can never both see room for one. KEYS[1] is the counter, ARGV[1]
// the cap; both arrive as strings, and GET answers false (not nil) for a missing key.
const CAPPED_INCR = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then
  return -1
end
return redis.call('INCR', KEYS[1])
`;

type WithCappedIncr = Redis & {
  cappedIncr(key: string, cap: number): Promise<number>;
};

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  // defineCommand adds a method that sends the script with EVAL the first time on a connection
  // and by its SHA1 with EVALSHA after that, and sends EVAL again when Redis answers NOSCRIPT.
  // Defining it once per client lets ioredis remember what this connection already has.
  if (!('cappedIncr' in redis)) {
    redis.defineCommand('cappedIncr', { numberOfKeys: 1, lua: CAPPED_INCR });
  }
  // The key is built here and passed in KEYS: a Cluster client routes the script by it.
  return (redis as WithCappedIncr).cappedIncr(`counter:${name.normalize('NFC')}`, cap);
}
