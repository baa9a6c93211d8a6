import { createConnection, type Socket } from 'node:net';
import { basename } from 'node:path';
import type { SandboxAddress } from '../redis/sandbox-server.ts';
import { type Reply, RespReader } from './resp-reader.ts';

/** A reply, or what has come of it once more than the bytes asked for came and it is not whole. */
export type Arrival = { reply: Reply; whole: true } | { reply: Reply | undefined; whole: false };

/** hiredis's words for a connection that failed, as redis-cli prints them. */
export class ConnectionLostError extends Error {}

/** strerror's words for what a Unix socket connection can fail with. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ENOENT: 'No such file or directory',
  ECONNRESET: 'Connection reset by peer',
  EPIPE: 'Broken pipe',
  EACCES: 'Permission denied',
  EAGAIN: 'Resource temporarily unavailable',
};

interface Waiter {
  atMost: number;
  resolve: (arrival: Arrival) => void;
  reject: (error: Error) => void;
}

/**
 * One connection to a sandbox, as the `learner` ACL user, speaking RESP as redis-cli does: the
 * commands as arrays of bulk strings, the replies read as they arrive (see RespReader).
 */
export class RespConnection {
  private readonly socket: Socket;
  private readonly reader: RespReader;
  private waiter?: Waiter;
  private failure?: Error;
  private connected = false;

  /** Connects, and sends AUTH as `learner` first, as redis-cli does: see `login`. */
  constructor(address: SandboxAddress, maxStringBytes: number) {
    this.reader = new RespReader(maxStringBytes);
    this.socket = createConnection({ path: address.socketPath });
    this.socket.on('connect', () => {
      this.connected = true;
    });
    this.socket.on('data', (chunk: Buffer) => {
      try {
        this.reader.feed(chunk);
      } catch (error) {
        this.fail(error as Error);
        return;
      }
      this.deliver();
    });
    this.socket.on('error', (error: NodeJS.ErrnoException) => {
      const reason = REASONS[error.code ?? ''] ?? error.message;
      // Hidden: the sandbox's directory, a path on the host.
      const where = basename(address.socketPath);
      this.fail(
        new ConnectionLostError(
          this.connected ? reason : `Could not connect to Redis at ${where}: ${reason}`,
        ),
      );
    });
    this.socket.on('close', () =>
      this.fail(new ConnectionLostError('Server closed the connection')),
    );
    this.send(['AUTH', 'learner', address.learnerPassword].map((word) => Buffer.from(word)));
  }

  /** Waits for AUTH's reply. A password refused is no learner's doing: it throws. */
  async login(): Promise<void> {
    const { reply } = await this.next();
    if (reply?.type === 'error') {
      this.close();
      throw new Error(`the sandbox refused the learner's password: ${reply.bytes.toString()}`);
    }
  }

  send(args: readonly Buffer[]): void {
    const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
    for (const arg of args) parts.push(Buffer.from(`$${arg.length}\r\n`), arg, Buffer.from('\r\n'));
    this.socket.write(Buffer.concat(parts));
  }

  /**
   * The next reply; or, when more than `atMost` bytes of it came and it is still not whole, what
   * came (it goes on filling as more comes). Rejects with ConnectionLostError when the
   * connection fails first.
   */
  next(atMost = Number.POSITIVE_INFINITY): Promise<Arrival> {
    return new Promise((resolve, reject) => {
      this.waiter = { atMost, resolve, reject };
      this.deliver();
    });
  }

  /** Closes the connection: a command it left waiting (BLPOP, a script) is Redis's to end. */
  close(): void {
    this.socket.destroy();
    this.fail(new ConnectionLostError('Server closed the connection'));
  }

  private deliver(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    const reply = this.reader.replies.shift();
    if (reply) {
      this.waiter = undefined;
      waiter.resolve({ reply, whole: true });
    } else if (this.failure) {
      this.waiter = undefined;
      waiter.reject(this.failure);
    } else if (this.reader.bytesInReply > waiter.atMost) {
      this.waiter = undefined;
      waiter.resolve({ reply: this.reader.partial, whole: false });
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.socket.destroy();
    this.deliver();
  }
}
