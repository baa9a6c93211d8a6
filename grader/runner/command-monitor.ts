import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type Redis from 'ioredis';
import type { SandboxAddress } from '../redis/sandbox-server.ts';
import { LearnerCodeError } from './learner-isolate.ts';
import { type MonitorLine, parseMonitorLine } from './monitor-line.ts';

/** MONITOR repeats every byte sent to the sandbox: past this, a check is not following it. */
const MAX_BYTES = 16 * 1024 * 1024;
const OPEN_TIMEOUT_MS = 5_000;
const SYNC_TIMEOUT_MS = 5_000;
/** Longer than any of the grader's own marks: past the limit, longer lines are not kept. */
const OVERFLOW_LINE = 4096;

/**
 * What the sandbox executed during one check, as MONITOR tells it, on a grader connection of
 * its own: the only place that shows the commands a Lua script or function ran. A plain socket,
 * not ioredis, whose monitor mode splits arguments on quotes and leaves escapes in place.
 */
export class CommandMonitor {
  /**
   * The line being read, as the chunks it came in: one string grown chunk by chunk would be
   * copied whole for each search, which is quadratic in a long argument.
   */
  private parts: string[] = [];
  private partsLength = 0;
  /** The rest of a line too long to keep once past the limit: it is not parsed. */
  private dropping = false;
  private bytes = 0;
  private overflowed = false;
  private readonly lines: MonitorLine[] = [];
  private waiting: { token: string; found: () => void } | undefined;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.take(chunk));
    socket.on('error', () => {});
  }

  /** Opens a monitor on a sandbox and waits until it is listening. */
  static async open(address: SandboxAddress): Promise<CommandMonitor> {
    const socket = connect(address.socketPath);
    const monitor = new CommandMonitor(socket);
    await monitor.handshake(address);
    return monitor;
  }

  /**
   * Marks a point in what the sandbox executed, through the grader's client, and waits until the
   * monitor has seen it: everything executed before it has arrived by then.
   */
  async sync(redis: Redis): Promise<void> {
    const token = `keyspace-monitor-${randomUUID()}`;
    const seen = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the command monitor did not answer in time')),
        SYNC_TIMEOUT_MS,
      );
      this.waiting = {
        token,
        found: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
    await redis.echo(token);
    await seen;
  }

  /** The lines since the monitor opened, without the grader's marks. */
  executed(): readonly MonitorLine[] {
    if (this.overflowed) {
      throw new LearnerCodeError(
        `your code sent more than ${MAX_BYTES / 1024 / 1024} MB to Redis in this check, too much for the check to follow what Redis executed (monitor limit)`,
        'limit',
      );
    }
    return this.lines;
  }

  close(): void {
    this.socket.destroy();
  }

  private async handshake(address: SandboxAddress): Promise<void> {
    const ready = new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.socket.destroy();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new Error('the command monitor did not start in time')),
        OPEN_TIMEOUT_MS,
      );
      this.handshaking = {
        ready: () => {
          clearTimeout(timer);
          resolve();
        },
        refused: (reply) => fail(new Error(`the command monitor was refused: ${reply}`)),
      };
      this.socket.once('error', fail);
    });
    this.socket.write(command('AUTH', 'grader', address.graderPassword));
    this.socket.write(command('MONITOR'));
    await ready;
  }

  /** Until AUTH and MONITOR are both answered OK. */
  private handshaking: { ready(): void; refused(reply: string): void } | undefined;
  private oks = 0;

  private take(chunk: string): void {
    this.bytes += chunk.length;
    if (this.bytes > MAX_BYTES) this.overflowed = true;
    let start = 0;
    // A line break split between two chunks.
    if (chunk.startsWith('\n') && this.parts.at(-1)?.endsWith('\r')) {
      const last = this.parts.pop() ?? '';
      this.parts.push(last.slice(0, -1));
      this.endLine();
      start = 1;
    }
    for (let end = chunk.indexOf('\r\n', start); end >= 0; end = chunk.indexOf('\r\n', start)) {
      this.keep(chunk.slice(start, end));
      this.endLine();
      start = end + 2;
    }
    this.keep(chunk.slice(start));
  }

  private keep(part: string): void {
    if (part === '') return;
    this.parts.push(part);
    this.partsLength += part.length;
    if (this.overflowed && this.partsLength > OVERFLOW_LINE) {
      // Past the limit only the grader's marks are looked for, and they are short. The last
      // character stays: it may be the first half of the line's break.
      this.parts = [part.slice(-1)];
      this.partsLength = 1;
      this.dropping = true;
    }
  }

  private endLine(): void {
    const line = this.parts.join('');
    this.parts = [];
    this.partsLength = 0;
    if (!this.dropping) this.line(line);
    this.dropping = false;
  }

  private line(reply: string): void {
    if (this.handshaking) {
      if (reply !== '+OK') this.handshaking.refused(reply);
      else if (++this.oks === 2) this.handshaking.ready();
      if (reply !== '+OK' || this.oks === 2) this.handshaking = undefined;
      return;
    }
    const parsed = reply.startsWith('+') ? parseMonitorLine(reply.slice(1)) : undefined;
    if (!parsed) return;
    const waiting = this.waiting;
    if (waiting && parsed.source !== 'lua' && isEcho(parsed, waiting.token)) {
      this.waiting = undefined;
      waiting.found();
      return;
    }
    const mark =
      parsed.args[0]?.toLowerCase() === 'echo' && parsed.args[1]?.startsWith('keyspace-monitor-');
    if (!mark && !this.overflowed) this.lines.push(parsed);
  }
}

function isEcho(line: MonitorLine, token: string): boolean {
  return line.args.length === 2 && line.args[0]?.toLowerCase() === 'echo' && line.args[1] === token;
}

/** A command in RESP, as a client sends it. */
function command(...args: string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}
