import type { SandboxAddress } from '../redis/sandbox-server.ts';
import { cString, foldCase } from './c-string.ts';
import { repeatCount, splitArgumentBytes } from './cli-arguments.ts';
import { type CliHelp, loadHelp, printHelp } from './cli-help.ts';
import type { CliTranscript } from './cli-transcript.ts';
import { formatRaw, formatTTY, type Printed, UnknownReplyTypeError } from './reply-format.ts';
import { ConnectionLostError, RespConnection } from './resp-connection.ts';
import { type Reply, RespProtocolError } from './resp-reader.ts';

/** The run is over: redis-cli exited, the transcript is cut, or the time is up. */
class Ended extends Error {}

/** A command redis-cli runs after 500 ms or more is followed by its time, "(0.52s)". */
const SHOWN_AFTER_MS = 500;

/**
 * redis-cli's loop over the lines it reads when its input is no terminal (redis-cli.c's repl and
 * cliSendCommand, in redis-cli 7.0), printing into `transcript`: each line split as sdssplitargs
 * splits it and sent on one connection as the `learner` user; the client's own words (quit,
 * help, :set, a repeat count) taken as redis-cli takes them; replies printed as it prints them;
 * after SUBSCRIBE (or MONITOR), messages printed until the run is stopped.
 */
export class CliRepl {
  /** The connection to Redis failed or closed during the run. */
  lost = false;
  /** Redis's error replies, in order (a reply nested in another, as EXEC's, is not one). */
  readonly errors: string[] = [];
  private connection?: RespConnection;
  private ended = false;
  private readonly halted: Promise<never>;
  private halt: () => void = () => {};
  /** After a SUBSCRIBE, hiredis hands redis-cli RESP3 pushes as replies: it prints them. */
  private pushesShown = false;

  constructor(
    private readonly address: SandboxAddress,
    private readonly transcript: CliTranscript,
    private readonly maxStringBytes: number,
  ) {
    this.halted = new Promise<never>((_, reject) => {
      this.halt = () => reject(new Ended());
    });
    this.halted.catch(() => {});
  }

  async run(commands: string): Promise<void> {
    try {
      // redis-cli connects before it reads its first line.
      await this.connect();
      for (const line of commands.split('\n')) await this.line(line);
    } catch (error) {
      // Once stopped, whatever was waiting fails as its connection closes: that is the stop.
      if (!(error instanceof Ended || this.ended)) throw error;
    } finally {
      this.stop();
    }
  }

  /** Ends the run where it is: a command left waiting in Redis ends with its connection. */
  stop(): void {
    this.ended = true;
    this.halt();
    this.connection?.close();
  }

  private async line(line: string): Promise<void> {
    if (this.ended) throw new Ended();
    const argv = splitArgumentBytes(line);
    if (!argv) return this.print('Invalid argument(s)\n');
    const [first] = argv;
    if (first === undefined) return;
    const repeat = repeatCount(argv);
    if (repeat === 'invalid') return this.print('Invalid redis-cli repeat command option value.\n');
    const word = lower(first);
    if (word === 'quit' || word === 'exit') throw new Ended();
    if (first[0] === 0x3a) return this.print(preferences(argv));
    if (word === 'restart') return this.print("Use 'restart' only in Lua debugging mode.\n");
    // CONNECT would point redis-cli at another server; the console speaks to the learner's only.
    if (argv.length === 3 && word === 'connect') return;
    // CLEAR writes the escape codes that clear a terminal: nothing a transcript shows.
    if (argv.length === 1 && word === 'clear') return;
    const command = repeat === undefined ? argv : argv.slice(1);
    // redis-cli reads its help as it starts, before it times any command.
    const help = isHelp(command)
      ? await this.until(loadHelp(this.address).catch(noHelp))
      : undefined;
    const started = Date.now();
    await this.issue(command, repeat ?? 1, help);
    const elapsed = Date.now() - started;
    if (elapsed >= SHOWN_AFTER_MS) this.print(`(${seconds(elapsed)}s)\n`);
  }

  /** issueCommandRepeat: help is redis-cli's own; any other command goes to Redis. */
  private async issue(argv: Buffer[], repeat: number, help?: CliHelp): Promise<void> {
    if (help) return this.print(printHelp(help, argv.slice(1)));
    if (!this.connection && !(await this.connect())) return;
    try {
      await this.send(argv, repeat);
    } catch (error) {
      this.lose(error);
      // Closed or reset: redis-cli connects again for the next command.
      this.connection = undefined;
    }
  }

  /**
   * Prints, as redis-cli does, why the connection failed. A reply that is no RESP makes it exit;
   * anything else that is no connection failure is the run's own failure.
   */
  private lose(error: unknown): void {
    if (this.ended) throw error;
    if (!(error instanceof ConnectionLostError || error instanceof RespProtocolError)) throw error;
    this.lost = true;
    this.print(`Error: ${error.message}\n`);
    if (error instanceof RespProtocolError) throw new Ended();
  }

  /** cliSendCommand, for `repeat` times. */
  private async send(argv: Buffer[], repeat: number): Promise<void> {
    const connection = this.connection as RespConnection;
    const word = lower(argv[0] as Buffer);
    if (word === 'sync' || word === 'psync') {
      throw new Error("redis-cli's replica mode (SYNC, PSYNC) is not available here");
    }
    const raw = printsRaw(argv);
    const streams = word === 'monitor' || /^[ps]?subscribe$/.test(word);
    for (let time = 0; time < repeat; time++) {
      connection.send(argv);
      if (!streams) {
        await this.reply(connection, raw);
        continue;
      }
      if (word !== 'monitor') {
        this.pushesShown = true;
        this.print('Reading messages... (press Ctrl-C to quit)\n');
      }
      // Messages come until an error ends the mode; a connection lost ends redis-cli.
      for (;;) {
        const reply = await this.reply(connection, raw).catch((error: unknown) => {
          this.lose(error);
          throw new Ended();
        });
        if (reply.type === 'error') break;
      }
    }
  }

  /**
   * Reads and prints the next reply (cliReadReply). One that would fill the transcript is cut
   * as it arrives: its start is printed, and the rest never read.
   */
  private async reply(connection: RespConnection, raw: boolean): Promise<Reply> {
    const format = raw ? formatRaw : formatTTY;
    let atMost = this.maxStringBytes;
    for (;;) {
      const arrival = await this.until(connection.next(atMost));
      if (!arrival.whole) {
        const printed = arrival.reply && this.formatted(format, arrival.reply);
        if (printed && this.transcript.fills(printed.text)) this.print(printed.text);
        atMost *= 2;
        continue;
      }
      // Unless redis-cli is in pub/sub mode, hiredis drops RESP3 pushes as they come.
      if (arrival.reply.type === 'push' && !this.pushesShown) continue;
      if (arrival.reply.type === 'error') this.errors.push(arrival.reply.bytes.toString());
      this.print(this.formatted(format, arrival.reply).text);
      return arrival.reply;
    }
  }

  private formatted(format: (reply: Reply) => Printed, reply: Reply): Printed {
    try {
      return format(reply);
    } catch (error) {
      if (!(error instanceof UnknownReplyTypeError)) throw error;
      // redis-cli exits, and a terminal shows why.
      this.print(`${error.message}\n`);
      throw new Ended();
    }
  }

  /** cliConnect: a connection logged in, or false once the failure is printed as redis-cli does. */
  private async connect(): Promise<boolean> {
    const connection = new RespConnection(this.address, this.maxStringBytes);
    this.connection = connection;
    this.pushesShown = false;
    try {
      await this.until(connection.login());
      return true;
    } catch (error) {
      if (!(error instanceof ConnectionLostError) || this.ended) throw error;
      this.lost = true;
      this.connection = undefined;
      this.print(`${error.message}\n`);
      return false;
    }
  }

  private print(text: string): void {
    if (!this.transcript.print(text)) throw new Ended();
  }

  /** `promise`, unless the run is stopped first. */
  private until<T>(promise: Promise<T>): Promise<T> {
    if (this.ended) return Promise.reject(new Ended());
    return Promise.race([promise, this.halted]);
  }
}

/**
 * What `help` prints from when the help cannot be read (the sandbox went away meanwhile): redis-cli
 * then falls back on a table of its own, which is no reason to fail the run.
 */
function noHelp(): CliHelp {
  return { version: '', entries: [] };
}

/** An argument to compare with lower-case words as strcasecmp does. */
function lower(arg: Buffer): string {
  return foldCase(cString(arg));
}

/** `help` and `?` are redis-cli's own commands, whatever follows them. */
function isHelp(argv: readonly Buffer[]): boolean {
  const word = lower(argv[0] as Buffer);
  return word === 'help' || word === '?';
}

/** Commands whose replies redis-cli prints raw, as Redis wrote them (cliSendCommand's list). */
function printsRaw(argv: readonly Buffer[]): boolean {
  const [command, sub] = argv.map(lower);
  const argc = argv.length;
  switch (command) {
    case 'info':
    case 'lolwut':
      return true;
    case 'debug':
      return argc >= 2 && ['htstats', 'htstats-key', 'client-eviction'].includes(sub ?? '');
    case 'memory':
      return argc >= 2 && ['malloc-stats', 'doctor'].includes(sub ?? '');
    case 'cluster':
      return argc === 2 && ['nodes', 'info'].includes(sub ?? '');
    case 'client':
      return argc >= 2 && ['list', 'info'].includes(sub ?? '');
    case 'latency':
      return (argc === 3 && sub === 'graph') || (argc === 2 && sub === 'doctor');
    case 'proxy':
      return argc >= 2 && sub === 'info';
    default:
      return false;
  }
}

/** cliSetPreferences: `:set hints` and `:set nohints` say nothing, anything else is unknown. */
function preferences(argv: readonly Buffer[]): string {
  const [command, setting] = argv.map(cString);
  if (lower(argv[0] as Buffer) !== ':set' || setting === undefined) {
    return `unknown redis-cli internal command '${command}'\n`;
  }
  if (['hints', 'nohints'].includes(lower(argv[1] as Buffer))) return '';
  return `unknown redis-cli preference '${setting}'\n`;
}

/**
 * printf's "%.2f" of `ms` / 1000. toFixed rounds an exact tie (0.625 s) away from zero where
 * printf rounds it to even; elsewhere both round the double's exact value alike.
 */
export function seconds(ms: number): string {
  if (ms % 250 !== 125) return (ms / 1000).toFixed(2);
  const down = (ms - 5) / 10;
  return ((down % 2 === 0 ? down : down + 1) / 100).toFixed(2);
}
