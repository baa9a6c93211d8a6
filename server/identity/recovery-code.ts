import { createHash, randomBytes } from 'node:crypto';

// A recovery code is what a learner carries to another device instead of an account: whoever
// types it continues as that learner. So it is as hard to guess as a key (160 random bits), made
// of letters and digits that survive being read aloud or copied by hand (Crockford's base 32:
// no I, L, O or U), and kept by the server only as a digest.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BYTES = 20;
/** 160 bits at 5 bits a character. */
export const CODE_LENGTH = (BYTES * 8) / 5;
const GROUP = 4;

/** A new code, canonical (see canonicalRecoveryCode). */
export function newRecoveryCode(): string {
  const bytes = randomBytes(BYTES);
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return text;
}

/** The code as it is shown, in groups of four (`7KQ2-0M9X-…`), easier to copy by hand. */
export function shownRecoveryCode(canonical: string): string {
  return canonical.match(new RegExp(`.{1,${GROUP}}`, 'g'))?.join('-') ?? canonical;
}

/**
 * The code as typed, in its one canonical form, or undefined if it cannot be a code: case,
 * spaces and dashes do not matter, and the letters people confuse with digits read as those.
 */
export function canonicalRecoveryCode(typed: string): string | undefined {
  const canonical = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const valid = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);
  return valid.test(canonical) ? canonical : undefined;
}

/**
 * What the server keeps of a code: its SHA-256. A copy of the app's Redis (a backup, a shared
 * server) then holds no way into anyone's progress. A slow hash would add nothing: 160 random
 * bits cannot be guessed, however fast each guess is.
 */
export function recoveryCodeDigest(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex');
}
