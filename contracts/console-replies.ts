// What the learner's Redis console answers: commands typed (/api/console/commands), a lesson's
// block run (/api/lessons/:id/blocks/:number/runs), Redis reset to a lesson's point, and the help
// it completes from.

/**
 * What the commands printed, as redis-cli prints it; `note` says why when something was refused,
 * or that the learner's sandbox had stopped and a fresh one took its place.
 */
export interface ConsoleReply {
  output: string;
  note?: string;
}

/**
 * How a block's reply compares with the one the lesson shows, and what in the learner's Redis may
 * explain a difference (names of keys: learner data). A lesson's blocks, run in order from an
 * empty Redis, print what it shows (verify holds every lesson to that), so a difference comes from
 * keys the lesson did not make or keys its blocks above made that are gone.
 */
export interface BlockComparison {
  /** The reply is the lesson's, to the character. */
  matches: boolean;
  /** Keys this block uses that Redis held before it ran, though no block above it names them. */
  fromEarlier: string[];
  /** Keys this block uses that a block above it names, missing when it ran (not run, or gone). */
  missing: string[];
}

export interface BlockReply extends ConsoleReply {
  /** Only for a block whose reply the lesson shows. */
  comparison?: BlockComparison;
}

/** What emptying the learner's Redis and running a lesson's blocks above a given one came to. */
export interface ConsoleReset {
  /** Blocks that ran, in order, before one went wrong (or all of them). */
  ran: number;
  /** Which block did not run cleanly, and its error. */
  note?: string;
}

/** A command the console's learner may run, in Redis's own words (COMMAND DOCS). */
export interface CommandDoc {
  /** Upper case; a subcommand with its container's name before it: "OBJECT ENCODING". */
  name: string;
  summary: string;
  /** As Redis's documentation writes it: "SET key value [NX | XX] …": `[…]` may be left out, `<a | b>` is a choice. */
  syntax: string;
  /** What to use instead, when Redis deprecates the command. */
  replacedBy?: string;
}

/** Every command the console's learner may run, sorted by name. */
export interface CommandDocs {
  commands: CommandDoc[];
}
