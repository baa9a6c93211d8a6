// Fields of the learner hash (keys.learner) that identity/ keeps, named once for the scripts of
// cookie-generations.ts and recovery-codes.ts, which touch both.

/** Raised each time the learner signs out other browsers. */
export const COOKIE_GENERATION_FIELD = 'cookie_generation';
/** The digest of the learner's recovery code, while they have one. */
export const RECOVERY_CODE_FIELD = 'recovery_code';
