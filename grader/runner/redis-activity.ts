import { isDeepStrictEqual } from 'node:util';
import type Redis from 'ioredis';
import type { KeyState, LoggedCommand, Snapshot } from '../checks/api.ts';
import { snapshotOfAtMost } from '../checks/snapshot.ts';
import type { KeyRow, Reason, RedisActivity, SentCommand } from '../result/grade-result.ts';
import type { RedisBridge } from './redis-bridge.ts';

/** Commands listed under a check: enough to follow a solution, few enough to read. */
export const COMMANDS_SHOWN = 20;
const KEYS_SHOWN = 12;
/** Past this many keys in the sandbox, no key is read for the report: it would cost the check. */
const KEYS_READ = 50;
const VALUE_CHARS = 120;
/** How long the keys after a failed check may take to read before the report goes without. */
const AFTER_WAIT_MS = 500;
/** Failures after which Redis is as the check left it and free to read; not after a limit. */
const KEYS_AFTER = new Set<Reason>(['assertion', 'unawaited', 'learner-error', 'missing-export']);

/**
 * Records what the learner's code did to Redis during one check, for the report: the commands
 * its bridge logged, with where each was sent, and the keys when the check first called the
 * learner's code and when it ended. Reads go through the grader's own client.
 */
export class ActivityRecorder {
  private before: Promise<Snapshot | undefined> | undefined;
  /** What the grader's client had written when the sandbox was last known to be empty. */
  private writtenWhenEmpty: number | undefined;
  /** The isolate numbers clients over the whole run; the report, within the check. */
  private readonly clients = new Map<number, number>();

  constructor(
    private readonly redis: Redis,
    private readonly bridge: RedisBridge,
  ) {}

  /**
   * Notes that the sandbox is empty now, as its reset left it, if the learner's code has sent
   * nothing since: the keys before the first call need no reading while the grader's client
   * writes nothing more either (see `beforeCall`).
   */
  emptied(): void {
    if (this.bridge.commands.length === 0) this.writtenWhenEmpty = bytesWritten(this.redis);
  }

  /** Before each learner call: the first reads the keys the learner's code will start from. */
  async beforeCall(): Promise<void> {
    this.before ??= this.stillEmpty()
      ? Promise.resolve({ takenAt: performance.now(), keys: new Map() })
      : fewKeys(this.redis);
    await this.before;
  }

  /**
   * Whether nothing can have written since `emptied`: the learner's code reaches Redis only
   * through the bridge, and the check through the grader's client (its reads count too).
   */
  private stillEmpty(): boolean {
    return (
      this.writtenWhenEmpty !== undefined &&
      this.bridge.commands.length === 0 &&
      bytesWritten(this.redis) === this.writtenWhenEmpty
    );
  }

  /** How many places of sending the next call should report: one per command still unplaced. */
  get sitesWanted(): number {
    return Math.max(0, COMMANDS_SHOWN - this.bridge.sitesKnown);
  }

  /** The report's part, once the check has its verdict; nothing for a check that did nothing. */
  async activity(verdict: { status: string; reason?: Reason }): Promise<RedisActivity | undefined> {
    const sent = this.bridge.commands;
    const activity: RedisActivity = {
      commands: sent.slice(0, COMMANDS_SHOWN).map((command) => this.shown(command)),
      ...(sent.length > COMMANDS_SHOWN && { moreCommands: sent.length - COMMANDS_SHOWN }),
    };
    const before = verdict.reason && KEYS_AFTER.has(verdict.reason) ? await this.before : undefined;
    const after = before && (await withinMs(fewKeys(this.redis), AFTER_WAIT_MS));
    if (before && after) {
      const rows = keyRows(before, after);
      activity.keys = rows.slice(0, KEYS_SHOWN);
      if (rows.length > KEYS_SHOWN) activity.moreKeys = rows.length - KEYS_SHOWN;
    }
    return sent.length > 0 || activity.keys ? activity : undefined;
  }

  private clientNumber(id: number): number {
    let number = this.clients.get(id);
    if (number === undefined) {
      number = this.clients.size + 1;
      this.clients.set(id, number);
    }
    return number;
  }

  private shown(command: LoggedCommand): SentCommand {
    const location = this.bridge.sentFrom(command);
    return {
      command: [command.name.toUpperCase(), ...command.args.map(quoted)].join(' '),
      ...(command.client !== undefined && { client: this.clientNumber(command.client) }),
      ...(command.batch !== undefined && { batch: command.batch }),
      ...(location && { location }),
    };
  }
}

/** What a client has written to its connection so far: every command it sends adds to it. */
function bytesWritten(redis: Redis): number {
  return redis.stream?.bytesWritten ?? Number.NaN;
}

/** Every key and its value, if the sandbox holds few; undefined otherwise or if Redis is away. */
async function fewKeys(redis: Redis): Promise<Snapshot | undefined> {
  try {
    return await snapshotOfAtMost(redis, KEYS_READ);
  } catch {
    // The report goes without its keys: the check's own verdict says what went wrong.
    return undefined;
  }
}

function withinMs<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Each key of either snapshot, those the check changed first, each group by name. */
export function keyRows(before: Snapshot, after: Snapshot): KeyRow[] {
  const names = [...new Set([...before.keys.keys(), ...after.keys.keys()])].sort();
  const rows = names.map((key): KeyRow => {
    const was = before.keys.get(key);
    const now = after.keys.get(key);
    const text = was && described(was);
    return {
      key,
      ...(text && { before: text }),
      // A key the check left as it was reads the same, though its time to live ran down meanwhile.
      ...(now && { after: text && unchanged(was, now) ? text : described(now) }),
    };
  });
  const changed = (row: KeyRow) => row.before !== row.after;
  return [...rows.filter(changed), ...rows.filter((row) => !changed(row))];
}

function unchanged(was: KeyState, now: KeyState): boolean {
  return (
    was.type === now.type &&
    was.expiresAt === now.expiresAt &&
    isDeepStrictEqual(was.value, now.value)
  );
}

/** `hash {"name":"ada"} · expires in 59 s`, cut to a line's worth. */
export function described({ type, value, pttl }: KeyState): string {
  const ttl = pttl >= 0 ? ` · expires in ${seconds(pttl)}` : '';
  const text = `${type} ${valueText(type, value)}`;
  return `${text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS - 1)}…` : text}${ttl}`;
}

function valueText(type: string, value: unknown): string {
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (type === 'zset' && Array.isArray(value)) {
    return value.map(([member, score]: [string, number]) => `${member}=${score}`).join(', ');
  }
  if (type === 'stream' && Array.isArray(value)) {
    return `${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  }
  return JSON.stringify(value);
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** An argument as redis-cli would need it typed: bare when it can be, else in double quotes. */
export function quoted(arg: string): string {
  if (/^[^\s"'\\\p{C}]+$/u.test(arg) || /^<\d+ bytes>$/.test(arg)) return arg;
  const escaped = [...arg]
    .map((char) => {
      if (char === '"' || char === '\\') return `\\${char}`;
      if (char === '\n') return '\\n';
      if (char === '\r') return '\\r';
      if (char === '\t') return '\\t';
      const code = char.codePointAt(0) ?? 0;
      return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : char;
    })
    .join('');
  return `"${escaped}"`;
}
