import { availableParallelism } from 'node:os';
import { MAX_SEED } from '../checks/random.ts';
import { THIS_KEYSPACE } from '../cli/new-course.ts';
import { DEFAULT_MAX_CONSOLES, perAddressFor } from '../console/console-capacity.ts';
import { FORMAT_NAMES } from '../result/format-names.ts';
import {
  format,
  integer,
  oneLine,
  oneOf,
  type Parse,
  path,
  report,
  text,
  token,
  trustProxy,
} from './setting-parsers.ts';

// Every option and environment variable of every command, in one table: the commands read
// theirs through read-settings.ts, their usage texts are made from it (usage.ts), and
// docker-compose.yml is held to it. Every `--help` loads it: it loads nothing heavy.

export const COMMANDS = ['start', 'worker', 'grade', 'verify', 'lint', 'new', 'doctor'] as const;
export type Command = (typeof COMMANDS)[number];

/** The commands that take arguments besides their options. */
export const WITH_ARGUMENTS: readonly Command[] = ['grade', 'verify', 'new'];

interface Described {
  /** What it does, as its command's usage text says it. */
  readonly help: string;
  /** Its default, as the usage text says it, when it has one. */
  readonly defaultText?: string;
  readonly commands: readonly Command[];
}

/** A setting with a value: an option (`--port N`), an environment variable, or both. */
export interface ValueSetting<T = unknown> extends Described {
  readonly kind: 'value';
  /** The option, without its dashes; it wins over the environment variable. */
  readonly flag?: string;
  readonly env?: string;
  /** What the usage text calls the option's value: `--port N`. */
  readonly metavar?: string;
  readonly parse: Parse<T>;
  /** The value when neither is given; without it, the setting is then undefined. */
  readonly fallback?: () => T;
}

/** An option that may be repeated, each value parsed: `--report F=PATH`. */
export interface ListSetting<T = unknown> extends Described {
  readonly kind: 'list';
  readonly flag: string;
  readonly metavar: string;
  readonly parse: Parse<T>;
}

/** An option without a value: on when given. */
export interface SwitchSetting extends Described {
  readonly kind: 'switch';
  readonly flag: string;
}

export type Setting = ValueSetting | ListSetting | SwitchSetting;

const COURSE_COMMANDS = ['start', 'worker', 'grade', 'verify', 'lint', 'new'] as const;

export const SETTINGS = {
  port: {
    kind: 'value',
    flag: 'port',
    env: 'PORT',
    metavar: 'N',
    help: 'where to listen; 0 picks a free port',
    parse: integer(0, 65_535),
    fallback: () => 3000,
    defaultText: '3000',
    commands: ['start'],
  },
  host: {
    kind: 'value',
    flag: 'host',
    env: 'HOST',
    metavar: 'H',
    help: 'the address to listen on',
    parse: text,
    fallback: () => '127.0.0.1',
    defaultText: '127.0.0.1',
    commands: ['start'],
  },
  dataDir: {
    kind: 'value',
    flag: 'data-dir',
    env: 'KEYSPACE_DATA_DIR',
    metavar: 'DIR',
    help: "the folder of the embedded Redis's append-only file, when REDIS_URL is not set",
    parse: path,
    // Beside the course, not inside Keyspace: an installed Keyspace is node_modules/keyspace,
    // which the next `npm install` may replace, learners' progress with it.
    defaultText: ".keyspace/data in the course's folder",
    commands: ['start'],
  },
  concurrency: {
    kind: 'value',
    flag: 'concurrency',
    env: 'KEYSPACE_WORKER_CONCURRENCY',
    metavar: 'N',
    help: 'gradings at once, each with its own worker process and sandbox redis-server',
    parse: integer(1, 64),
    // Four a CPU: a grading mostly waits. Many checks wait on Redis in real time (a blocking pop's
    // timeout, a key's expiry, an outage ridden out): over the course's solutions and wrong
    // files a grading takes about 600 ms, of which about 100 ms of CPU.
    fallback: () => Math.min(4 * availableParallelism(), 64),
    defaultText: 'four times the number of CPUs, up to 64',
    commands: ['start', 'worker'],
  },
  metricsPort: {
    kind: 'value',
    flag: 'metrics-port',
    env: 'KEYSPACE_METRICS_PORT',
    metavar: 'N',
    help: 'serve Prometheus metrics at /metrics on this port, on every interface',
    parse: integer(0, 65_535),
    defaultText: 'none',
    commands: ['worker'],
  },
  format: {
    kind: 'value',
    flag: 'format',
    metavar: 'F',
    help: `the report on standard output, in F: one of ${FORMAT_NAMES.join(', ')}`,
    parse: format,
    defaultText: 'pretty on a terminal, json otherwise',
    commands: ['grade'],
  },
  out: {
    kind: 'value',
    flag: 'out',
    metavar: 'PATH',
    help: 'write that report to the file PATH instead; with --batch, the folder of the gradebook, made if missing',
    parse: text,
    defaultText: 'standard output; with --batch, the current folder',
    commands: ['grade'],
  },
  report: {
    kind: 'list',
    flag: 'report',
    metavar: 'F=PATH',
    help: 'also write a report in format F to the file PATH, from the same grading; repeat it for more (e.g. --report junit=reports/junit.xml)',
    parse: report,
    commands: ['grade'],
  },
  batch: {
    kind: 'value',
    flag: 'batch',
    metavar: 'DIR',
    help: "grade every learner's files, DIR/<learner>/<exercise>.ts, into gradebook.csv and gradebook.json",
    parse: text,
    commands: ['grade'],
  },
  subdir: {
    kind: 'value',
    flag: 'subdir',
    metavar: 'PATH',
    help: "with --batch: each learner's files are in DIR/<learner>/PATH/ (e.g. solutions, in repositories cloned by gh classroom clone student-repos)",
    parse: text,
    commands: ['grade'],
  },
  only: {
    kind: 'list',
    flag: 'only',
    metavar: 'ID',
    help: 'verify only this exercise, named here or as an argument (both repeat): its solution, right/, starter, wrong/ and run:, and no lesson',
    parse: text,
    commands: ['verify'],
  },
  seed: {
    kind: 'value',
    flag: 'seed',
    metavar: 'N',
    help: `the seed of the checks' random data (0 to ${MAX_SEED}), to replay a grading that verify printed`,
    parse: integer(0, MAX_SEED),
    defaultText: 'a fresh seed for each grading',
    commands: ['grade', 'verify'],
  },
  mutants: {
    kind: 'switch',
    flag: 'mutants',
    help: "proves the checks instead: grades small changes of each solution (mutants) and prints each that no check fails; exits 3 when an exercise's checks kill less than --min-score percent of them",
    commands: ['verify'],
  },
  minScore: {
    kind: 'value',
    flag: 'min-score',
    metavar: 'N',
    help: "with --mutants: the percent of each exercise's mutants that its checks must kill",
    parse: integer(0, 100),
    fallback: () => 90,
    defaultText: '90',
    commands: ['verify'],
  },
  fix: {
    kind: 'switch',
    flag: 'fix',
    help: "write Biome's safe fixes and its formatting into the files (type errors stay yours to fix)",
    commands: ['lint'],
  },
  lesson: {
    kind: 'value',
    flag: 'lesson',
    metavar: 'SLUG',
    help: 'the lesson a new exercise belongs to, by its slug: lessons/NN-<slug>.md',
    parse: text,
    commands: ['new'],
  },
  title: {
    kind: 'value',
    flag: 'title',
    metavar: 'T',
    help: 'the title of a new lesson or exercise',
    parse: oneLine,
    defaultText: 'made from the slug or id, sorted-sets → Sorted sets',
    commands: ['new'],
  },
  keyspace: {
    kind: 'value',
    flag: 'keyspace',
    metavar: 'SPEC',
    help: "what a new course's package.json installs Keyspace from, as npm names it; for CI, one it can fetch, such as github:<owner>/keyspace",
    parse: text,
    fallback: () => THIS_KEYSPACE,
    defaultText: `this copy, ${THIS_KEYSPACE}`,
    commands: ['new'],
  },
  course: {
    kind: 'value',
    flag: 'course',
    env: 'KEYSPACE_COURSE',
    metavar: 'DIR',
    help: 'the course folder, with lessons/ and exercises/',
    parse: text,
    defaultText: "the current folder if it is a course, else this repository's own course",
    commands: COURSE_COMMANDS,
  },
  watch: {
    kind: 'switch',
    flag: 'watch',
    help: 'live preview for authors: open pages update when a course file is saved, and show what is wrong with a broken one',
    commands: ['start'],
  },
  redisUrl: {
    kind: 'value',
    env: 'REDIS_URL',
    help: "the app's Redis, which holds its state and the grading queue: a worker needs it; without it, start keeps the state in a Redis of its own",
    parse: text,
    commands: ['start', 'worker'],
  },
  grading: {
    kind: 'value',
    env: 'KEYSPACE_GRADING',
    help: 'inline: grade in this process; queue: through `keyspace worker`s, which needs REDIS_URL',
    parse: oneOf(['inline', 'queue']),
    fallback: () => 'inline' as const,
    defaultText: 'inline',
    commands: ['start'],
  },
  queueLimit: {
    kind: 'value',
    env: 'KEYSPACE_QUEUE_LIMIT',
    help: 'queue mode: submissions waiting beyond which Submit answers 503',
    parse: integer(1, 1_000_000),
    // About a minute of gradings for a few workers.
    fallback: () => 500,
    defaultText: '500',
    commands: ['start'],
  },
  queueWaitMs: {
    kind: 'value',
    env: 'KEYSPACE_QUEUE_WAIT_MS',
    help: 'queue mode: how long Submit waits for its grading, in milliseconds, before answering 202',
    parse: integer(0, 120_000),
    // Most gradings take milliseconds; one that waits longer is polled for.
    fallback: () => 10_000,
    defaultText: '10000',
    commands: ['start'],
  },
  consoles: {
    kind: 'value',
    env: 'KEYSPACE_CONSOLES',
    help: "learners' console sandboxes kept at once, a redis-server each",
    parse: integer(1, 10_000),
    fallback: () => DEFAULT_MAX_CONSOLES,
    defaultText: `as many as half this machine's memory holds full, here ${DEFAULT_MAX_CONSOLES}`,
    commands: ['start'],
  },
  consolesPerAddress: {
    kind: 'value',
    env: 'KEYSPACE_CONSOLES_PER_ADDRESS',
    help: 'console sandboxes the learners of one client address hold at once, up to KEYSPACE_CONSOLES; one more waits until one of theirs is idle',
    parse: integer(1, 10_000),
    defaultText: `a quarter of KEYSPACE_CONSOLES, here ${perAddressFor(DEFAULT_MAX_CONSOLES)}`,
    commands: ['start'],
  },
  secret: {
    kind: 'value',
    env: 'KEYSPACE_SECRET',
    help: 'signs learner cookies',
    parse: text,
    defaultText: "one made once and kept with the app's state",
    commands: ['start'],
  },
  instructorToken: {
    kind: 'value',
    env: 'KEYSPACE_INSTRUCTOR_TOKEN',
    help: 'the bearer token, of at least 16 characters, that opens the instructor view',
    parse: token,
    defaultText: 'none, the view is off',
    commands: ['start'],
  },
  metricsToken: {
    kind: 'value',
    env: 'KEYSPACE_METRICS_TOKEN',
    help: 'the bearer token, of at least 16 characters, that GET /metrics asks for',
    parse: token,
    defaultText: 'none, open',
    commands: ['start'],
  },
  trustProxy: {
    kind: 'value',
    env: 'TRUST_PROXY',
    help: "Express's trust proxy: the proxies that may say a request came over HTTPS, and from where",
    parse: trustProxy,
    defaultText: 'none',
    commands: ['start'],
  },
  logLevel: {
    kind: 'value',
    env: 'LOG_LEVEL',
    help: "pino's level",
    parse: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    fallback: () => 'info' as const,
    defaultText: 'info',
    commands: ['start', 'worker'],
  },
  redisServerBin: {
    kind: 'value',
    env: 'REDIS_SERVER_BIN',
    help: 'the redis-server binary',
    parse: text,
    defaultText: 'the one on PATH',
    commands: ['start', 'worker', 'grade', 'verify', 'doctor'],
  },
  cacheHome: {
    kind: 'value',
    env: 'XDG_CACHE_HOME',
    help: 'with --mutants: verdicts are kept in its keyspace-mutants/, so that only what changed is graded again',
    parse: text,
    defaultText: "Keyspace's node_modules/.cache",
    commands: ['verify'],
  },
} as const satisfies Record<string, Setting>;

type Table = typeof SETTINGS;
export type SettingKey = keyof Table;

/** What reading a setting gives: its parsed value, or undefined when it has no default. */
export type SettingValue<S> = S extends { kind: 'switch' }
  ? boolean
  : S extends { kind: 'list'; parse: Parse<infer T> }
    ? T[]
    : S extends { parse: Parse<infer T>; fallback: () => unknown }
      ? T
      : S extends { parse: Parse<infer T> }
        ? T | undefined
        : never;

/** The settings of one command, as it reads them. */
export type CommandSettings<C extends Command> = {
  -readonly [K in SettingKey as C extends Table[K]['commands'][number] ? K : never]: SettingValue<
    Table[K]
  >;
};

/** Every environment variable of the table. */
export type EnvironmentName = {
  [K in SettingKey]: Table[K] extends { env: infer E extends string } ? E : never;
}[SettingKey];

/** The settings a command takes, in the table's order. */
export function settingsOf(command: Command): [SettingKey, Setting][] {
  return (Object.entries(SETTINGS) as [SettingKey, Setting][]).filter(([, setting]) =>
    setting.commands.includes(command),
  );
}

/** Every environment variable a command reads. */
export function environmentOf(command: Command): string[] {
  return settingsOf(command).flatMap(([, setting]) =>
    setting.kind === 'value' && setting.env ? [setting.env] : [],
  );
}
