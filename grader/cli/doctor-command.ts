import { execFileSync } from 'node:child_process';
import { findRedisServer } from '../redis/find-redis-server.ts';

/** Checks what Keyspace needs from the machine; throws with install instructions if it is missing. */
export async function doctorCommand(): Promise<number> {
  const binary = findRedisServer();
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  process.stdout.write(`redis-server: ${binary} (${version})\n`);
  return 0;
}
