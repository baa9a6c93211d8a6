import { type Attack, Attacker, pacer, parse, safely, Tally } from '../attacker.ts';

const ADDRESS = '203.0.113.2';
const LEARNERS = 6;
/** The console limit per learner, which the key browser's requests count against. */
const PER_MINUTE = 300;
const IMAGES = 60;
const HASHES = 8;
/** Lines per console entry: the console takes at most 50. */
const LINES = 40;

const image = (n: number) => `img:${String(n).padStart(2, '0')}`;

/**
 * ~500 KB strings that start like a PNG (so the key browser treats them as images), written as
 * redis-cli would take them: grown by SETRANGE, then the signature over their start.
 */
function imageLines(): string[] {
  return Array.from({ length: IMAGES }, (_, i) => [
    `SETRANGE ${image(i + 1)} 511999 x`,
    `SETRANGE ${image(i + 1)} 0 "\\x89PNG\\r\\n\\x1a\\n"`,
  ]).flat();
}

/** Hashes of ten 100 KB fields each, built inside Redis: a console line is at most 16 KB. */
function hashLines(): string[] {
  return Array.from(
    { length: HASHES },
    (_, i) =>
      `EVAL "for i = 1, 10 do redis.call('HSET', KEYS[1], 'field:' .. i, string.rep('y', 100000)) end return 1" 1 fat:${i + 1}`,
  );
}

function entries(lines: string[]): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < lines.length; i += LINES) chunks.push(lines.slice(i, i + LINES).join('\n'));
  return chunks;
}

const pick = (count: number) => 1 + Math.floor(Math.random() * count);

/**
 * Learners whose sandboxes hold big values (~40 MB each), reading them through the key browser
 * again and again: every page of keys, a key's view, an image's bytes.
 */
export function keyBrowser(url: string): Attack {
  const tally = new Tally();
  const attackers = Array.from({ length: LEARNERS }, () => new Attacker(url, ADDRESS, tally));
  return {
    summary: `${LEARNERS} learners from ${ADDRESS}, each with ${IMAGES} PNG-like strings of 500 KB and ${HASHES} hashes of 1 MB, reading every page of keys, key views and image bytes, ${PER_MINUTE} requests a minute each`,
    tally,
    async prepare() {
      await Promise.all(
        attackers.map(async (attacker) => {
          for (const commands of entries([...imageLines(), ...hashLines()])) {
            await attacker.send('POST', '/console/commands', { commands }, 'set-up');
          }
        }),
      );
    },
    run: (signal) =>
      Promise.all(
        attackers.map((attacker) =>
          safely(tally, async () => {
            const turn = pacer(PER_MINUTE, signal);
            const get = (path: string, label: string) =>
              attacker.send('GET', path, undefined, label);
            while (await turn()) {
              let cursor: string | null = '0';
              while (cursor !== null) {
                const page = await get(`/console/keys?cursor=${cursor}`, 'page');
                cursor = parse<{ next: string | null }>(page?.text ?? '')?.next ?? null;
                if (cursor !== null && !(await turn())) return;
              }
              if (!(await turn())) return;
              await get(`/console/keys/value?key=${image(pick(IMAGES))}`, 'image view');
              if (!(await turn())) return;
              await get(`/console/keys/value?key=fat:${pick(HASHES)}`, 'hash view');
              if (!(await turn())) return;
              await get(`/console/keys/bytes?key=${image(pick(IMAGES))}`, 'image bytes');
            }
          }),
        ),
      ).then(() => {}),
  };
}
