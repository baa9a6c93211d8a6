import type Redis from 'ioredis';
import type { BlockReply, CommandDoc, ConsoleReply, ConsoleReset } from '../../contracts/index.ts';
import { type SandboxAddress, SandboxServer } from '../redis/sandbox-server.ts';
import { hideServerDetails } from '../redis/server-details.ts';
import { resetSandbox, SandboxLostError, whenIdle } from '../runner/reset-sandbox.ts';
import { connectTrusted } from '../runner/sandbox-connections.ts';
import { type GraderLog, stderrLog } from '../shared/grader-log.ts';
import { closestCommands, unknownCommands } from './closest-command.ts';
import { readSandboxCommandDocs } from './command-docs.ts';
import { DEFAULT_MAX_CONSOLES, perAddressFor } from './console-capacity.ts';
import { consoleEntry } from './console-entry.ts';
import { sandboxToReclaim } from './console-room.ts';
import {
  deleteKey,
  type KeyPage,
  type KeyView,
  type NotStreamed,
  streamString,
  viewKey,
  viewKeyPage,
} from './key-view.ts';
import { beforeBlock, type LessonBlock } from './lesson-block.ts';
import { type CliOutput, MAX_OUTPUT_CHARS, runRedisCli } from './redis-cli.ts';
import { SpareSandboxes } from './spare-sandboxes.ts';

export type { ConsoleReply, ConsoleReset };

export interface ConsoleLimits {
  /** Sandboxes kept at once; a learner beyond them is refused with a clear message. */
  maxSessions: number;
  /**
   * Sandboxes the learners of one client address hold at once; one more from that address is
   * refused until one of them has been unused `reclaimWhenFullMs`. Cookies are free to make, so
   * an address, not a cookie, is what must not take everyone's sandboxes.
   */
  maxPerAddress: number;
  /** A console unused this long is closed and its sandbox stopped. */
  idleMs: number;
  /**
   * A console unused this long has its sandbox paused until the learner's next use (see
   * SandboxServer.pause): a class reads and types far longer than it runs commands.
   */
  pauseAfterMs: number;
  /**
   * Sandboxes started ahead for newcomers at the least (see SpareSandboxes), within
   * `maxSessions`: the sandboxes held and the spares together never pass it.
   */
  spares: number;
  /** The most spares started ahead while newcomers keep coming, within `maxSessions` too. */
  burstSpares: number;
  /**
   * When every sandbox is taken, the one unused longest is reclaimed for a newcomer if it has
   * been unused this long: a full server serves those who are here.
   */
  reclaimWhenFullMs: number;
  /** How long one command may wait (BLPOP, SUBSCRIBE) before it is stopped. */
  commandTimeoutMs: number;
}

export { perAddressFor };

export const DEFAULT_CONSOLE_LIMITS: ConsoleLimits = {
  maxSessions: DEFAULT_MAX_CONSOLES,
  maxPerAddress: perAddressFor(DEFAULT_MAX_CONSOLES),
  idleMs: 30 * 60_000,
  pauseAfterMs: 10_000,
  spares: 2,
  burstSpares: 8,
  reclaimWhenFullMs: 2 * 60_000,
  commandTimeoutMs: 5_000,
};

/** Commands whose effect lasts only as long as the connection that sent them. */
const CONNECTION_SCOPED =
  /^(multi|exec|discard|watch|unwatch|select|subscribe|psubscribe|ssubscribe)\b/i;

/** Whose console: the learner (the server's learner id) and the client address they come from. */
export interface ConsoleUser {
  learner: string;
  address: string;
}

interface Session {
  learner: string;
  /** The client address whose share this sandbox counts against: the one that opened it. */
  address: string;
  sandbox: SandboxServer;
  lastUsed: number;
  /** Lines run one after another, so replies come back in the order they were typed. */
  queue: Promise<unknown>;
  /** Reclaimed: its sandbox stops once the work queued before has run. */
  closed: boolean;
  /** Its learner's code hit a limit: the sandbox, and any that replaces it, runs at low priority. */
  lowPriority?: boolean;
  /** A pause is queued behind the work under way (see `pauseUnused`). */
  pausing?: boolean;
}

/**
 * Each learner's own Redis: a long-lived sandbox, started at the learner's first console command
 * or Run, that keeps its keys between them until it idles out. A learner is named by the caller
 * (the server's learner id); nothing here is shared between two names.
 */
/** A learner's console sandbox, lent to their code for a Run. */
export interface LentSandbox {
  address: SandboxAddress;
  /**
   * Once the code is done: waits until the sandbox is idle again (see `recover`), and says what
   * the learner should know of it. Work that left a server busy must not end before the server
   * does, or its learner could keep any number of them busy at once.
   */
  settle(): Promise<string | undefined>;
  /**
   * Runs the sandbox at a low CPU priority from now on, and any that replaces it (see
   * SandboxServer.lowerPriority).
   */
  lowerPriority(): Promise<void>;
}

/** How long a sandbox may take to answer once the learner's code is done with it. */
const SETTLE_MS = 2_000;

/** What the learner is told when their sandbox had to be replaced for not answering. */
export const STILL_BUSY = `the sandbox Redis was still busy ${SETTLE_MS / 1000} s after your code was done with it (a command that cannot be interrupted, such as a Lua string.rep of a huge string), so a new, empty one took its place (script limit)`;

export class ConsoleSessions {
  private readonly sessions = new Map<string, Session>();
  /** Sandboxes being started, by learner: two first requests at once start one. */
  private readonly opening = new Map<string, { address: string; session: Promise<Session> }>();
  private readonly reaper: NodeJS.Timeout;
  private readonly pauser: NodeJS.Timeout;
  private readonly spares: SpareSandboxes;
  private stopped = false;
  /** Read once for every learner: all sandboxes run the same Redis (see `commandDocs`). */
  private docs?: Promise<CommandDoc[]>;

  constructor(
    private readonly limits: ConsoleLimits = DEFAULT_CONSOLE_LIMITS,
    private readonly log: GraderLog = stderrLog,
  ) {
    this.reaper = setInterval(() => this.closeIdle(), Math.min(limits.idleMs, 60_000));
    this.reaper.unref();
    this.pauser = setInterval(
      () => this.pauseUnused(),
      Math.min(Math.max(limits.pauseAfterMs / 2, 50), 60_000),
    );
    this.pauser.unref();
    this.spares = new SpareSandboxes(limits.spares, limits.burstSpares, log);
  }

  /** Learners with a sandbox now. */
  get size(): number {
    return this.sessions.size;
  }

  /** The redis-servers held: learners', being started for them, and spares. */
  get sandboxes(): number {
    return this.sessions.size + this.opening.size + this.spares.count;
  }

  /**
   * Runs commands, one per line, on one connection (so a MULTI … EXEC block works), and answers
   * what redis-cli prints. A Redis error is an answer, not a failure.
   */
  async run(user: ConsoleUser, commands: string): Promise<ConsoleReply> {
    const { value, note } = await this.inTurn(user, (session) =>
      this.runCommands(session, commands),
    );
    return note ? { ...value, note: [note, value.note].filter(Boolean).join('; ') } : value;
  }

  /**
   * Runs a lesson's block as `run` does and, when the lesson shows its reply, compares the two,
   * with what the learner's Redis held before the block ran to explain a difference. `above`
   * holds the commands of the lesson's blocks before it.
   */
  async runBlock(
    user: ConsoleUser,
    block: LessonBlock,
    above: readonly string[],
  ): Promise<BlockReply> {
    const { expected } = block;
    const { value, note } = await this.inTurn(user, async (session) => {
      if (expected === undefined) return this.runCommands(session, block.commands);
      const before = await this.withTrusted(session, (trusted) =>
        beforeBlock(trusted, block.commands, above),
      );
      const reply = await this.runCommands(session, block.commands);
      return before ? { ...reply, comparison: before.value(reply.output, expected) } : reply;
    });
    return note ? { ...value, note: [note, value.note].filter(Boolean).join('; ') } : value;
  }

  /**
   * Empties the learner's Redis (keys, scripts and functions), then runs `blocks` in it: a
   * lesson's blocks up to a point make its Redis as the lesson has it there. Says how many ran,
   * and what went wrong if one printed an error. A learner with no sandbox has nothing to empty.
   */
  async reset(user: ConsoleUser, blocks: readonly string[]): Promise<ConsoleReset> {
    if (
      blocks.length === 0 &&
      !this.sessions.has(user.learner) &&
      !this.opening.has(user.learner)
    ) {
      return { ran: 0 };
    }
    const { value } = await this.inTurn(user, async (session): Promise<ConsoleReset> => {
      await this.withTrusted(session, resetSandbox);
      for (const [index, block] of blocks.entries()) {
        const { reply, errors } = await this.runEntry(session, block);
        const why = reply.note ?? (errors[0] && `(error) ${errors[0]}`);
        if (why) return { ran: index, note: `block ${index + 1} did not run cleanly: ${why}` };
      }
      return { ran: blocks.length };
    });
    return value;
  }

  /**
   * Lends a client of the server's to the learner's sandbox once it is idle; a sandbox that is
   * gone is replaced instead, and nothing is read (undefined).
   */
  private async withTrusted<T>(
    session: Session,
    read: (trusted: Redis) => Promise<T>,
  ): Promise<{ value: T } | undefined> {
    const trusted = connectTrusted(session.sandbox.address);
    try {
      return { value: await whenIdle(trusted, () => read(trusted)) };
    } catch (error) {
      if (!(error instanceof SandboxLostError)) throw error;
      await this.replaceSandbox(session);
      return undefined;
    } finally {
      trusted.disconnect();
    }
  }

  /**
   * Lends the console's sandbox to `work` (Run: the learner's code, in a worker), in turn with
   * the console's commands, so nothing replaces the sandbox meanwhile.
   */
  async useSandbox<T>(user: ConsoleUser, work: (sandbox: LentSandbox) => Promise<T>): Promise<T> {
    const { value } = await this.inTurn(user, (session) =>
      work({
        address: session.sandbox.address,
        settle: () => this.recover(session),
        lowerPriority: async () => {
          if (session.lowPriority) return;
          session.lowPriority = true;
          await session.sandbox.lowerPriority();
        },
      }),
    );
    return value;
  }

  /**
   * A page of the keys the learner's sandbox holds, for the key browser (see `viewKeyPage`),
   * those `match` finds if given: none, if they have no sandbox yet.
   */
  keyPage(user: ConsoleUser, cursor = '0', match?: string): Promise<KeyPage> {
    return this.withKeys(user, (trusted) => viewKeyPage(trusted, cursor, match), {
      keys: [],
      next: null,
    });
  }

  /** Deletes one key of the learner's sandbox, in their turn; false if it held no such key. */
  deleteKey(user: ConsoleUser, key: string): Promise<boolean> {
    return this.withKeys(user, (trusted) => deleteKey(trusted, key), false);
  }

  /**
   * The commands a learner may run, with their summaries and syntax, as the sandboxes' Redis
   * documents them (see `readCommandDocs`): read once, on first use, for everyone.
   */
  commandDocs(): Promise<CommandDoc[]> {
    if (!this.docs) {
      this.docs = readSandboxCommandDocs();
      // A failure (no redis-server, say) is not kept: the next asker tries again.
      this.docs.catch(() => {
        this.docs = undefined;
      });
    }
    return this.docs;
  }

  /** One key of the learner's sandbox, with more of its value than a page shows. */
  key(user: ConsoleUser, key: string): Promise<KeyView | undefined> {
    return this.withKeys(user, (trusted) => viewKey(trusted, key), undefined);
  }

  /** A string value's bytes, chunk by chunk (see `streamString`), in the learner's turn. */
  streamKey(
    user: ConsoleUser,
    key: string,
    sink: Parameters<typeof streamString>[2],
  ): Promise<NotStreamed | undefined> {
    return this.withKeys(user, (trusted) => streamString(trusted, key, sink), 'missing');
  }

  /**
   * Reads the learner's sandbox with a client of the server's, in their turn and once it is idle;
   * `none` when they have no sandbox (none is started for a look).
   */
  private async withKeys<T>(
    user: ConsoleUser,
    read: (trusted: Redis) => Promise<T>,
    none: T,
  ): Promise<T> {
    if (!this.sessions.has(user.learner) && !this.opening.has(user.learner)) return none;
    const { value } = await this.inTurn(user, async (session) => {
      const found = await this.withTrusted(session, read);
      return found ? found.value : none;
    });
    return value;
  }

  /** Reclaims the learner's sandbox, after the work already queued on it. */
  async close(learner: string): Promise<void> {
    const session = this.sessions.get(learner);
    if (!session) return;
    this.sessions.delete(learner);
    session.closed = true;
    const stopped = session.queue.then(() => session.sandbox.stop());
    session.queue = stopped.catch(() => {});
    await stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.reaper);
    clearInterval(this.pauser);
    await this.docs?.catch(() => {});
    await Promise.allSettled([...this.opening.values()].map(({ session }) => session));
    await Promise.all([
      ...[...this.sessions.keys()].map((learner) => this.close(learner)),
      this.spares.stop(),
    ]);
  }

  /**
   * Runs `work` after everything queued on this console, on a sandbox that is alive: one that
   * went away (a script that could not be stopped) is replaced first, and `note` says so.
   */
  private async inTurn<T>(
    user: ConsoleUser,
    work: (session: Session) => Promise<T>,
  ): Promise<{ value: T; note?: string }> {
    const session = await this.session(user);
    const turn = session.queue.then(async (): Promise<{ value: T; note?: string }> => {
      // Reclaimed while this waited: the learner gets a sandbox afresh.
      if (session.closed) return this.inTurn(user, work);
      session.sandbox.resume();
      let note: string | undefined;
      if (!session.sandbox.alive) {
        await this.replaceSandbox(session);
        note = 'your Redis had stopped, so a new, empty one took its place';
      }
      try {
        return { value: await work(session), note };
      } finally {
        // Unused from now: a turn that waited long for a worker is not paused as it ends.
        session.lastUsed = Date.now();
      }
    });
    session.queue = turn.catch(() => {});
    return turn;
  }

  private async replaceSandbox(session: Session, graceMs?: number): Promise<void> {
    await session.sandbox.stop(graceMs);
    session.sandbox = await SandboxServer.start({ lowPriority: session.lowPriority });
  }

  private async runCommands(session: Session, commands: string): Promise<ConsoleReply> {
    return (await this.runEntry(session, commands)).reply;
  }

  /** An entry's reply, and the errors Redis replied to it (which its text may not show). */
  private async runEntry(
    session: Session,
    commands: string,
  ): Promise<{ reply: ConsoleReply; errors: string[] }> {
    const { lines, refusal } = consoleEntry(commands);
    if (refusal) return { reply: { output: '', note: refusal }, errors: [] };
    if (lines.length === 0) return { reply: { output: '' }, errors: [] };
    const printed = await runRedisCli(
      session.sandbox.address,
      lines.join('\n'),
      this.limits.commandTimeoutMs,
    );
    return { reply: await this.replyTo(session, lines, printed), errors: printed.errors };
  }

  /** What the learner reads of a run: its text, and a note where something needs saying. */
  private async replyTo(
    session: Session,
    lines: string[],
    printed: CliOutput,
  ): Promise<ConsoleReply> {
    const output = hideServerDetails(printed.text.trimEnd());
    const replied = (error: RegExp) => printed.errors.some((message) => error.test(message));
    if (printed.cut) {
      return {
        output,
        note: `the reply was cut at ${MAX_OUTPUT_CHARS / 1024} KB: read a part of a big value (GETRANGE, LRANGE 0 9, HSCAN)`,
      };
    }
    if (printed.timedOut) {
      const recovered = await this.recover(session);
      return {
        output,
        note: [
          `stopped after ${this.limits.commandTimeoutMs / 1000} s of waiting: the console does not keep a command running (give BLPOP and friends a timeout)`,
          recovered,
        ]
          .filter(Boolean)
          .join('; '),
      };
    }
    if (printed.lost) {
      const recovered = await this.recover(session);
      return {
        output,
        note: ['the connection to your Redis closed during the entry', recovered]
          .filter(Boolean)
          .join('; '),
      };
    }
    if (lines.length === 1 && CONNECTION_SCOPED.test((lines[0] ?? '').trimStart())) {
      return {
        output,
        note: 'each console entry runs on a connection of its own, so this lasts only for the entry: run a transaction (MULTI … EXEC) as one block, from a lesson or pasted as several lines',
      };
    }
    // Redis answers DEBUG and MODULE with advice to reconfigure the server, which no learner can.
    if (replied(/^(NOPERM|ERR (DEBUG|MODULE) command not allowed)/)) {
      return {
        output,
        note: 'the sandbox does not let learners run administrative commands (CONFIG, DEBUG, SHUTDOWN, REPLICAOF, MONITOR, CLIENT, ACL, MODULE, SAVE and the like): they would change or stop the server itself',
      };
    }
    if (replied(/^BUSY/)) {
      const recovered = await this.recover(session);
      if (recovered) return { output, note: recovered };
    }
    const unknown = await this.unknownCommandNote(output);
    if (unknown) return { output, note: unknown };
    if (replied(/^WRONGTYPE/)) {
      return {
        output,
        note: 'the key holds another type of value: TYPE <key> tells which, and each type has its own commands (GET for a string, HGETALL for a hash, LRANGE for a list, SMEMBERS for a set, ZRANGE for a sorted set)',
      };
    }
    return { output };
  }

  /** "did you mean GET?" for each command Redis did not know, when one is close to it. */
  private async unknownCommandNote(output: string): Promise<string | undefined> {
    const unknown = unknownCommands(output);
    if (unknown.length === 0) return undefined;
    // Subcommands aside: a typo is of the word typed first.
    const names = (await this.commandDocs().catch(() => []))
      .map(({ name }) => name)
      .filter((name) => !name.includes(' '));
    const notes = unknown.flatMap((typed) => {
      const close = closestCommands(typed, names);
      if (close.length === 0) return [];
      const choices =
        close.length === 1 ? close[0] : `${close.slice(0, -1).join(', ')} or ${close.at(-1)}`;
      return [`Redis has no command ${typed}: did you mean ${choices}?`];
    });
    return notes.length > 0 ? notes.join('; ') : undefined;
  }

  /**
   * After a command that would not end: a Lua script still running is killed, or the sandbox is
   * replaced, as it is when it does not answer within SETTLE_MS (one command that cannot be
   * interrupted, such as a Lua `string.rep` of a huge string, holds it that long). Answers what
   * the learner should know of it.
   */
  private async recover(session: Session): Promise<string | undefined> {
    const trusted = connectTrusted(session.sandbox.address, SETTLE_MS);
    try {
      await whenIdle(trusted, () => trusted.ping());
      return undefined;
    } catch (error) {
      if (error instanceof SandboxLostError) {
        await this.replaceSandbox(session);
        return `${error.message}; a new, empty sandbox took its place`;
      }
      // Not answering in time, or still busy after every script killed (scripts queued behind
      // one another): either way it is not idle, and it is not left running.
      await this.replaceSandbox(session, 0);
      return STILL_BUSY;
    } finally {
      trusted.disconnect();
    }
  }

  private async session(user: ConsoleUser): Promise<Session> {
    // It counts against the address that opened it: moving a cookie to another address must not
    // make room at the first for more.
    const session = this.sessions.get(user.learner) ?? (await this.open(user));
    session.lastUsed = Date.now();
    return session;
  }

  private open(user: ConsoleUser): Promise<Session> {
    const { learner, address } = user;
    const opening = this.opening.get(learner);
    if (opening) return opening.session;
    this.makeRoom(address);
    const started = this.spares
      .take()
      .then(async (sandbox) => {
        if (this.stopped) {
          await sandbox.stop();
          throw new Error('the server is stopping');
        }
        const session: Session = {
          learner,
          address,
          sandbox,
          lastUsed: Date.now(),
          queue: Promise.resolve(),
          closed: false,
        };
        this.sessions.set(learner, session);
        return session;
      })
      .finally(() => {
        this.opening.delete(learner);
        if (this.stopped) return;
        this.spares.refill(
          () =>
            this.sessions.size + this.opening.size + this.spares.count < this.limits.maxSessions,
        );
      });
    this.opening.set(learner, { address, session: started });
    return started;
  }

  /** Frees a sandbox for a newcomer from `address`, or refuses them (see sandboxToReclaim). */
  private makeRoom(address: string): void {
    const opening = [...this.opening.values()].map((each) => each.address);
    const reclaimed = sandboxToReclaim(address, [...this.sessions.values()], opening, this.limits);
    if (reclaimed) this.reclaim(reclaimed);
  }

  /** Its sandbox stops in the background; the newcomer's may start meanwhile. */
  private reclaim(session: Session): void {
    this.close(session.learner).catch(() => {});
  }

  /**
   * Pauses the sandboxes unused for `pauseAfterMs`, each in its turn: after the work queued on
   * it, and only if nobody asked for it meanwhile (a turn asked for later resumes it).
   */
  private pauseUnused(): void {
    const cutoff = () => Date.now() - this.limits.pauseAfterMs;
    for (const session of this.sessions.values()) {
      if (session.pausing || session.sandbox.paused || session.lastUsed >= cutoff()) continue;
      session.pausing = true;
      session.queue = session.queue
        .then(() => {
          session.pausing = false;
          if (!session.closed && session.lastUsed < cutoff()) session.sandbox.pause();
        })
        .catch((error: unknown) => {
          // Left running: it costs a little CPU, and the learner's next turn works all the same.
          this.log.warn(
            { err: error, learner: session.learner },
            'a console sandbox did not pause',
          );
        });
    }
  }

  private closeIdle(): void {
    const cutoff = Date.now() - this.limits.idleMs;
    for (const [learner, session] of this.sessions) {
      // Stopping a sandbox fails only if it is already gone; there is nothing left to do then.
      if (session.lastUsed < cutoff) this.close(learner).catch(() => {});
    }
  }
}
