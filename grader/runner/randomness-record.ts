import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { RandomDraw } from '../checks/api.ts';
import { asHostError } from './host-errors.ts';
import type { HostOutcome } from './isolate-runtime/node-errors.ts';

/** Random bytes learner code may draw in one check (or one Run): far more than tokens need. */
export const RANDOM_BYTES_PER_CHECK = 1024 * 1024;

/** Shorter forms count only when a text equals them: a few characters turn up anywhere by chance. */
const SHORTEST_CONTAINED = 8;

/** What getRandomValues may fill at once, as Web Crypto allows. */
const MOST_RANDOM_VALUES = 65_536;

/**
 * Every random value learner code drew during one check, with the API that drew it. The isolate
 * only names the API and passes its arguments: the value is drawn and recorded here, in the
 * worker, so learner code can neither forge a draw nor erase one.
 */
export class RandomnessRecord {
  private readonly drawn: RandomDraw[] = [];
  private bytesLeft = RANDOM_BYTES_PER_CHECK;

  /** The host function: Node's own checks of the arguments, then the draw, recorded. */
  readonly draw = (api: unknown, args: unknown): HostOutcome<Uint8Array | string | number> => {
    try {
      return { value: this.drawFor(api, Array.isArray(args) ? args : []) };
    } catch (error) {
      return { error: asHostError(error) };
    }
  };

  draws(): readonly RandomDraw[] {
    return this.drawn;
  }

  /**
   * Whether `text` holds a recorded draw in one of its forms: bytes as hex (any case), base64
   * (with or without padding) or base64url; a UUID with or without its dashes (any case); a
   * randomInt as its decimal digits. A form of 8 characters or more counts where `text` contains
   * it; a shorter one only when `text` is exactly that form.
   */
  includes(text: string): boolean {
    return this.drawn.some((draw) => holds(text, draw));
  }

  /**
   * The most random bytes `text` holds from one draw, in one of the forms `includes` finds (a
   * UUID counts as 16), among draws that none of `others` holds: a value two tokens share is a
   * secret neither keeps. 0 when it holds none, or only randomInts.
   */
  bytesIn(text: string, others: readonly string[] = []): number {
    let most = 0;
    for (const draw of this.drawn) {
      if (draw.api === 'randomInt' || !holds(text, draw)) continue;
      if (others.some((other) => holds(other, draw))) continue;
      most = Math.max(most, draw.api === 'randomUUID' ? 16 : draw.bytes.length);
    }
    return most;
  }

  private drawFor(api: unknown, args: unknown[]): Uint8Array | string | number {
    switch (api) {
      case 'randomBytes':
      case 'getRandomValues': {
        const [size] = args;
        if (
          api === 'getRandomValues' &&
          !(
            Number.isInteger(size) &&
            (size as number) >= 0 &&
            (size as number) <= MOST_RANDOM_VALUES
          )
        ) {
          throw new RangeError(`getRandomValues fills at most ${MOST_RANDOM_VALUES} bytes`);
        }
        if (typeof size === 'number') this.ensureLeft(size);
        const bytes = randomBytes(size as number);
        this.bytesLeft -= bytes.length;
        this.drawn.push({
          api,
          bytes,
          hex: bytes.toString('hex'),
          base64: bytes.toString('base64'),
          base64url: bytes.toString('base64url'),
        });
        return new Uint8Array(bytes);
      }
      case 'randomUUID': {
        this.ensureLeft(16);
        const value = randomUUID();
        this.bytesLeft -= 16;
        this.drawn.push({ api, value });
        return value;
      }
      case 'randomInt': {
        this.ensureLeft(6);
        const value =
          args.length < 2
            ? randomInt(args[0] as number)
            : randomInt(args[0] as number, args[1] as number);
        this.bytesLeft -= 6;
        this.drawn.push({ api, value });
        return value;
      }
      default:
        throw new TypeError(`node:crypto has no random API named ${String(api)}`);
    }
  }

  private ensureLeft(bytes: number): void {
    if (bytes > this.bytesLeft) {
      throw new RangeError(
        `the Keyspace sandbox gives at most ${RANDOM_BYTES_PER_CHECK / 1024 / 1024} MB of random values per check`,
      );
    }
  }
}

function holds(text: string, draw: RandomDraw): boolean {
  if (typeof text !== 'string' || text === '') return false;
  const lowered = text.toLowerCase();
  return formsOf(draw).some(({ form, anyCase }) => {
    const within = anyCase ? lowered : text;
    return form.length >= SHORTEST_CONTAINED ? within.includes(form) : within === form;
  });
}

function formsOf(draw: RandomDraw): { form: string; anyCase: boolean }[] {
  switch (draw.api) {
    case 'randomUUID':
      return [
        { form: draw.value, anyCase: true },
        { form: draw.value.replace(/-/g, ''), anyCase: true },
      ];
    case 'randomInt':
      return [{ form: String(draw.value), anyCase: false }];
    default:
      return [
        { form: draw.hex, anyCase: true },
        { form: draw.base64, anyCase: false },
        { form: draw.base64.replace(/=+$/, ''), anyCase: false },
        { form: draw.base64url, anyCase: false },
      ];
  }
}
