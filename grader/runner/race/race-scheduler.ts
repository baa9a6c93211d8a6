import type Redis from 'ioredis';
import type { LoggedCommand } from '../../checks/api.ts';
import { GRADER_SCRIPT } from '../executed-commands.ts';
import { LearnerCodeError } from '../learner-isolate.ts';
import type { Ready, Schedule } from './exploration.ts';
import { blocks, effectOf, givesExpiry, waitsForever } from './step-effects.ts';

const POLL_MS = 2;

export type StepReply = { value: unknown } | { error: string };

/** One step of an interleaving: a racer's command (a pipeline or transaction is one), or timer. */
export interface RaceStep {
  racer: number;
  /** The command as Redis received it; a pipeline's or transaction's commands, in order. */
  commands?: readonly LoggedCommand[];
  /** A timer of the racer fired, set for this many ms. */
  timerMs?: number;
  /** What Redis answered; missing while a blocking command still waits. */
  reply?: StepReply;
  /** A command that blocked in Redis was answered after this step (1-based). */
  answeredAfter?: number;
}

interface Held {
  commands: readonly LoggedCommand[];
  /** Sends the command; settles once Redis answered, the reply recorded in the step. */
  send(step: RaceStep): Promise<void>;
}

interface Timer {
  /** The runtime's id for it, by which it is cancelled. */
  id: number;
  at: number;
  order: number;
  ms: number;
  /** performance.now() at which it would fire in real time. */
  due: number;
  fire(): void;
}

class Racer {
  /** Commands sent by the racer's code, held until its turn, in the order it sent them. */
  readonly held: Held[] = [];
  /** Its timers, soonest first: they fire in virtual time, as steps of their own. */
  readonly timers: Timer[] = [];
  clock = 0;
  done = false;
  /** Its commands released but blocked in Redis, waiting for another client. */
  blocked = 0;
  /** Of those, the ones with a timeout, which Redis counts down in real time. */
  blockedTimed = 0;
  /** Counts what the racer did and what reached it: a command, a timer, a reply, a call out. */
  changes = 0;
  /** `changes` as it was when its isolate was last seen settled, with nothing new since. */
  settledAt = -1;
  settling = false;
}

export interface SchedulerOptions {
  racers: number;
  schedule: Schedule;
  /** The grader's client: it asks Redis which connections a blocking command holds. */
  trusted: Redis;
  /** The sandbox's keys that have an expiry (see `expiries`). */
  expiries(): Promise<Expiry[]>;
  /**
   * Resolves once the racer's isolate has run everything queued for it when asked: whatever was
   * delivered to its code, and that code up to its next wait (see LearnerContext.settled).
   */
  settled(racer: number): Promise<void>;
  /** performance.now() past which the interleaving is abandoned: the check's time is up. */
  deadline: number;
}

/**
 * Runs one interleaving of a race. Every command a racer's code sends is held at its bridge
 * (see `hold`), and every timer it sets waits for its turn (see `sleep`). Whenever every racer
 * is quiescent — finished, or holding a command, or idle with only timers or blocked commands
 * pending — the schedule picks one racer, its next step is released, and once Redis has
 * answered the scheduler waits for quiescence again. Only the order of steps is the
 * schedule's: the racers' code runs as it would, each in its own context and connections. A
 * racer's own commands go in the order it sent them, even on two connections of its own.
 *
 * The rule for a racer that neither sends nor finishes: one with nothing pending (no command
 * held, no timer, nothing blocked) is on its way to one of those and is waited for, up to its
 * call's time limit (which stops it); one with a timer or a blocked command pending is idle
 * once its isolate has settled since the last thing the racer did or received (a command sent,
 * a reply, a timer fired, any call out of its isolate), and then its soonest timer can be
 * chosen. So a timer never fires while the racer's code still runs towards a command it sends
 * before waiting, however long its thread waits for a core. A timer fires in virtual time, as
 * soon as it is chosen (a back-off costs nothing) unless Redis's clock would then lag behind
 * (see `untilMayFire`), never before a command the racer holds. A
 * blocking command is released like any other; while Redis blocks it (as the grader's CLIENT
 * LIST says), its racer is not ready, and after each step the scheduler waits for the replies
 * of those that step unblocked.
 */
export class RaceScheduler {
  readonly steps: RaceStep[] = [];
  /** Whether a command blocked in Redis during this interleaving. */
  blockedSome = false;
  private readonly racers: Racer[];
  private waiters: (() => void)[] = [];
  private timerOrder = 0;
  /** How far timers fired early have moved virtual time ahead of real time, in all. */
  private aheadMs = 0;
  /**
   * Each key with an expiry, as last seen: its expiry, and `aheadMs` when it was set. Time jumps
   * only just after the keys were looked at, so a key whose expiry is new to a look was given it
   * since the last jump.
   */
  private expiriesSeen = new Map<string, { at: number; ahead: number }>();
  /**
   * Keys the racers gave an expiry since the keys were last looked at (see `expiryGiven`):
   * renewed within the same millisecond, a key's expiry reads as it did.
   */
  private expiriesGiven = new Set<string>();
  /** Set once `run` has returned or thrown. */
  private over = false;

  constructor(private readonly options: SchedulerOptions) {
    this.racers = Array.from({ length: options.racers }, () => new Racer());
  }

  /** The bridge's way to send a racer's command: held until the schedule gives it its turn. */
  hold<T>(racer: number, commands: readonly LoggedCommand[], send: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.racer(racer).held.push({
        commands,
        send: async (step) => {
          // A reply that comes once the interleaving is over (its connection closed) is not
          // part of it: the step stays unanswered.
          try {
            const value = await send();
            if (!this.over) step.reply = { value };
            resolve(value);
          } catch (error) {
            if (!this.over) {
              step.reply = { error: error instanceof Error ? error.message : String(error) };
            }
            reject(error);
          }
        },
      });
      this.changed(racer);
    });
  }

  /** A racer's timer: resolves when the schedule fires it. */
  sleep(racer: number, ms: number, id: number): Promise<void> {
    return new Promise((fire) => {
      const state = this.racer(racer);
      const due = performance.now() + ms;
      state.timers.push({ id, at: state.clock + ms, order: this.timerOrder++, ms, due, fire });
      state.timers.sort((a, b) => a.at - b.at || a.order - b.order);
      this.changed(racer);
    });
  }

  /** A racer's timer was cleared: it is no step, and its sleep resolves now, to no effect. */
  cancelSleep(racer: number, id: number): void {
    const { timers } = this.racer(racer);
    const index = timers.findIndex((timer) => timer.id === id);
    if (index < 0) return;
    const [timer] = timers.splice(index, 1);
    timer?.fire();
    this.changed(racer);
  }

  /**
   * The racer's code called out of its isolate, or such a call was answered: it is not idle
   * until its isolate settles again.
   */
  active(racer: number): void {
    this.changed(racer);
  }

  /** The racer's call settled: it takes no more turns, except for commands it still holds. */
  finished(racer: number): void {
    this.racer(racer).done = true;
    this.changed(racer);
  }

  /**
   * Runs the interleaving until every call has settled and no command is held; answers false if
   * the schedule abandoned it, as one that could only repeat another.
   */
  async run(): Promise<boolean> {
    try {
      return await this.interleave();
    } finally {
      this.over = true;
    }
  }

  private async interleave(): Promise<boolean> {
    for (;;) {
      await this.quiescence();
      const ready = this.ready();
      if (ready.length === 0) {
        if (this.racers.every((racer) => racer.done)) return true;
        // Those left wait on commands blocked in Redis: only their own timeout, or their call's
        // time limit, can end the wait.
        await this.change(POLL_MS);
        continue;
      }
      const racer = this.options.schedule.pick(ready);
      if (racer === undefined) return false;
      await this.step(racer);
      await this.unblockedReplies();
    }
  }

  private ready(): Ready[] {
    return this.racers.flatMap((racer, index): Ready[] => {
      const [held] = racer.held;
      if (held) return [{ racer: index, effect: effectOf(held.commands) }];
      return !racer.done && racer.timers.length > 0 ? [{ racer: index, effect: 'local' }] : [];
    });
  }

  private async quiescence(): Promise<void> {
    for (;;) {
      this.checkDeadline();
      let busy = false;
      for (const [index, racer] of this.racers.entries()) {
        if (racer.done || racer.held.length > 0) continue;
        const waitsOnSomething = racer.timers.length > 0 || racer.blocked > 0;
        if (waitsOnSomething && racer.settledAt === racer.changes) continue;
        busy = true;
        if (waitsOnSomething) this.settle(index);
      }
      if (!busy) return;
      await this.change(POLL_MS);
    }
  }

  /** Sees whether the racer's isolate settles with nothing new from the racer meanwhile. */
  private settle(index: number): void {
    const racer = this.racer(index);
    if (racer.settling) return;
    racer.settling = true;
    const seen = racer.changes;
    // After this thread's own promise reactions: what they resolve for the racer (a reply, a
    // timer) is queued on its isolate's thread before the question is.
    setImmediate(() => {
      this.options
        .settled(index)
        .then(
          () => {
            if (racer.changes === seen) racer.settledAt = seen;
          },
          // Its isolate was stopped: its call ends with that, which the racer's `finished` tells.
          () => {},
        )
        .finally(() => {
          racer.settling = false;
          this.wake();
        });
    });
  }

  private async step(index: number): Promise<void> {
    const racer = this.racer(index);
    // A timer may wait in real time (see untilMayFire), while a blocked command of the racer's
    // can be answered: its next step is then whatever its code did next.
    for (;;) {
      if (racer.held.length > 0) break;
      const timer = racer.timers[0];
      if (!timer) return;
      await this.untilMayFire(timer);
      if (racer.held.length > 0 || racer.timers[0] !== timer) continue;
      racer.timers.shift();
      racer.clock = timer.at;
      this.steps.push({ racer: index, timerMs: timer.ms });
      timer.fire();
      this.changed(index);
      return;
    }
    const held = racer.held.shift() as Held;
    const step: RaceStep = { racer: index, commands: held.commands };
    this.steps.push(step);
    const replied = held.send(step);
    if (blocks(held.commands) && (await this.blocked(replied))) {
      this.blockedSome = true;
      const timed = waitsForever(held.commands) ? 0 : 1;
      racer.blocked += 1;
      racer.blockedTimed += timed;
      void replied.then(() => {
        racer.blocked -= 1;
        racer.blockedTimed -= timed;
        if (!this.over) step.answeredAfter = this.steps.length;
        this.changed(index);
      });
    } else {
      await this.beforeDeadline(replied);
      for (const key of expiryGiven(step)) this.expiriesGiven.add(key);
    }
    this.changed(index);
  }

  /**
   * Waits, if it must, until the timer may fire. A timer fires as soon as it is chosen, moving
   * virtual time ahead of real time, but Redis expires keys and times blocking commands out in
   * real time. So virtual time never passes a key's expiry as it stood when the key was given it
   * (a key given its expiry before earlier early timers is that much nearer to it): the timer
   * waits in real time for such a key to expire first. And while a command with a timeout waits
   * blocked in Redis, a timer fires only when due. Without that, code that sleeps until a lock
   * expires would find it still there however long it slept.
   */
  private async untilMayFire(timer: Timer): Promise<void> {
    for (;;) {
      this.checkDeadline();
      const early = Math.max(0, timer.due - performance.now());
      if (early > 0 && this.racers.some((racer) => racer.blockedTimed > 0)) {
        await this.change(Math.min(early, this.untilDeadline()));
        continue;
      }
      const seen = new Map<string, { at: number; ahead: number }>();
      let room = Number.POSITIVE_INFINITY;
      let expiresIn = Number.POSITIVE_INFINITY;
      for (const { key, at, ms } of await this.options.expiries()) {
        const known = this.expiriesSeen.get(key);
        const renewed = known?.at !== at || this.expiriesGiven.has(key.slice(key.indexOf(' ') + 1));
        const ahead = known && !renewed ? known.ahead : this.aheadMs;
        seen.set(key, { at, ahead });
        const left = ms - (this.aheadMs - ahead);
        if (left <= early) expiresIn = Math.min(expiresIn, ms);
        room = Math.min(room, left);
      }
      this.expiriesSeen = seen;
      this.expiriesGiven.clear();
      if (room > early) {
        this.aheadMs += early;
        return;
      }
      await pause(Math.min(Math.max(expiresIn, POLL_MS), this.untilDeadline()));
    }
  }

  /** Whether a blocking command just released waits in Redis, rather than being answered. */
  private async blocked(replied: Promise<void>): Promise<boolean> {
    let answered = false;
    void replied.then(() => {
      answered = true;
    });
    const expected = this.blockedCount() + 1;
    for (;;) {
      this.checkDeadline();
      if (answered) return false;
      if ((await blockedLearnerClients(this.options.trusted)) >= expected) return !answered;
      await pause(POLL_MS);
    }
  }

  /**
   * After a step, waits for the replies of the blocking commands it unblocked: Redis answers them
   * as the step's command runs, so the grader's CLIENT LIST, sent after, sees them unblocked.
   */
  private async unblockedReplies(): Promise<void> {
    for (;;) {
      const outstanding = this.blockedCount();
      if (outstanding === 0) return;
      this.checkDeadline();
      if ((await blockedLearnerClients(this.options.trusted)) >= outstanding) return;
      await this.change(POLL_MS);
    }
  }

  private blockedCount(): number {
    return this.racers.reduce((sum, racer) => sum + racer.blocked, 0);
  }

  private racer(index: number): Racer {
    return this.racers[index] as Racer;
  }

  private changed(index: number): void {
    this.racer(index).changes += 1;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves at the next change of any racer's state, or after `ms`. */
  private change(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async beforeDeadline(work: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const overdue = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(this.overdue()),
        Math.max(0, this.options.deadline - performance.now()),
      );
    });
    try {
      await Promise.race([work, overdue]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** How long until the deadline, and a poll past it, so that a wait ends by telling it. */
  private untilDeadline(): number {
    return Math.max(0, this.options.deadline - performance.now()) + POLL_MS;
  }

  private checkDeadline(): void {
    if (performance.now() > this.options.deadline) throw this.overdue();
  }

  private overdue(): LearnerCodeError {
    return new LearnerCodeError(
      'the calls run at the same time did not finish within the check time limit',
      'timeout',
    );
  }
}

/**
 * The key a step gave an expiry, when its one command and its reply tell so: a SET … NX that
 * set nothing, or an EXPIRE answered 0, gave none. One counted wrongly would let virtual time
 * pass the key's expiry; one missed only makes a timer wait for it.
 */
function expiryGiven({ commands = [], reply }: RaceStep): string[] {
  const [command] = commands;
  if (commands.length !== 1 || !command || !givesExpiry(command)) return [];
  const value = reply && 'value' in reply ? reply.value : undefined;
  const applied = value !== undefined && value !== null && value !== 0;
  const [key] = command.args;
  return applied && key !== undefined ? [key] : [];
}

/** A key with an expiry: `at` its PEXPIRETIME, `ms` its PTTL, as Redis answered them. */
export interface Expiry {
  /** Its database and name. */
  key: string;
  at: number;
  ms: number;
}

/**
 * Every database's keys with an expiry, read in one script: the sandbox is small in a race (it is
 * emptied before each interleaving). Marked as the grader's, so that `executed` leaves it out.
 */
const EXPIRIES = `${GRADER_SCRIPT}'s look at the keys' expiries
local found = {}
for db, expires in string.gmatch(redis.call('INFO', 'keyspace'), 'db(%d+):keys=%d+,expires=(%d+)') do
  if tonumber(expires) > 0 then
    redis.call('SELECT', db)
    for _, key in ipairs(redis.call('KEYS', '*')) do
      local ms = redis.call('PTTL', key)
      if ms >= 0 then
        table.insert(found, db .. ' ' .. key)
        table.insert(found, redis.call('PEXPIRETIME', key))
        table.insert(found, ms)
      end
    end
  end
end
return found
`;

/** The sandbox's keys with an expiry, as Redis reports them. */
export async function expiries(trusted: Redis): Promise<Expiry[]> {
  const found = (await trusted.eval(EXPIRIES, 0)) as (string | number)[];
  const keys: Expiry[] = [];
  for (let index = 0; index + 2 < found.length; index += 3) {
    keys.push({
      key: String(found[index]),
      at: Number(found[index + 1]),
      ms: Number(found[index + 2]),
    });
  }
  return keys;
}

/** How many learner connections wait in a blocking command, as Redis reports it. */
export async function blockedLearnerClients(trusted: Redis): Promise<number> {
  const list = String(await trusted.call('CLIENT', 'LIST', 'TYPE', 'normal'));
  return list.split('\n').filter((line) => / user=learner /.test(line) && /\bflags=\S*b/.test(line))
    .length;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
