import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import { isExecutable } from '../shared/is-executable.ts';

const SETPRIV = '/usr/bin/setpriv';

const hasSetpriv = isExecutable(SETPRIV);

/** What a caller may ask of the child's standard streams: a pipe to read, or nothing. */
export type TiedStdio = 'ignore' | 'pipe';

export interface TiedSpawnOptions {
  /** Standard input, output and error; input is never written to. */
  stdio: readonly [TiedStdio, TiedStdio, TiedStdio] | 'ignore';
}

/** The part of a ChildProcess a redis-server's owner uses. */
export interface TiedProcess {
  readonly pid: number;
  readonly exitCode: number | null;
  readonly signalCode: NodeJS.Signals | null;
  /** Each chunk the child writes, if its stream is a pipe. */
  readonly stdout: EventEmitter | null;
  readonly stderr: EventEmitter | null;
  kill(signal: NodeJS.Signals): void;
  once(
    event: 'exit',
    listener: (code: number | null, signal: NodeJS.Signals | null) => void,
  ): unknown;
}

/**
 * Spawns a process that the kernel kills when this one dies, even by SIGKILL, so that a crashed
 * grader or server leaves no redis-server behind. Linux only (util-linux setpriv); elsewhere
 * the child is stopped on a clean exit only.
 *
 * Tied, it runs in a process group of its own: a Ctrl+C in the terminal signals the whole
 * foreground group, and a Redis stopped by it would be gone while this process still finishes
 * its work. This process stops it in its own time. Untied, the Ctrl+C is what stops it.
 *
 * The spawn itself happens on a thread of its own (see spawnerThread): a spawn holds the thread
 * that makes it until the child has started the new program, which on a busy machine is ten
 * milliseconds and more, and on the main thread every request of the app would wait that long.
 */
export async function spawnTied(
  command: string,
  args: readonly string[],
  options: TiedSpawnOptions,
): Promise<TiedProcess> {
  const [file, argv, detached] = hasSetpriv
    ? [SETPRIV, ['--pdeathsig', 'KILL', '--', command, ...args], true]
    : [command, [...args], false];
  return spawner().spawn(file, argv, { stdio: options.stdio, detached });
}

/** Messages from the spawner thread, each about one child by its id. */
type FromThread =
  | { type: 'spawned'; id: number; pid: number }
  | { type: 'failed'; id: number; message: string }
  | { type: 'data'; id: number; stream: 'stdout' | 'stderr'; chunk: Uint8Array }
  | { type: 'exit'; id: number; code: number | null; signal: NodeJS.Signals | null };

/**
 * The thread's code, CommonJS run from source: the app's TypeScript loader is registered on the
 * main thread only. It spawns each child asked for and tells what becomes of it. The tie
 * (setpriv --pdeathsig) is to this thread, which lives as long as the process.
 */
const THREAD_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const children = new Map();
parentPort.on('message', (message) => {
  if (message.type === 'kill') {
    children.get(message.id)?.kill(message.signal);
    return;
  }
  const { id, file, args, options } = message;
  const post = (reply) => parentPort.postMessage({ id, ...reply });
  let child;
  try {
    child = spawn(file, args, options);
  } catch (error) {
    post({ type: 'failed', message: error.message });
    return;
  }
  // Listened to for good: an 'error' nobody hears (a kill refused) would end the thread, and
  // every child with it.
  child.on('error', (error) => {
    if (child.pid === undefined) post({ type: 'failed', message: error.message });
  });
  if (child.pid === undefined) return;
  children.set(id, child);
  post({ type: 'spawned', pid: child.pid });
  for (const stream of ['stdout', 'stderr']) {
    child[stream]?.on('data', (chunk) => post({ type: 'data', stream, chunk }));
  }
  child.once('exit', (code, signal) => {
    children.delete(id);
    post({ type: 'exit', code, signal });
  });
});
`;

class RemoteChild extends EventEmitter implements TiedProcess {
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  readonly stdout: EventEmitter | null;
  readonly stderr: EventEmitter | null;

  constructor(
    readonly pid: number,
    stdio: TiedSpawnOptions['stdio'],
    private readonly sendKill: (signal: NodeJS.Signals) => void,
  ) {
    super();
    this.stdout = stdio !== 'ignore' && stdio[1] === 'pipe' ? new EventEmitter() : null;
    this.stderr = stdio !== 'ignore' && stdio[2] === 'pipe' ? new EventEmitter() : null;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.exitCode === null && this.signalCode === null) this.sendKill(signal);
  }

  exited(code: number | null, signal: NodeJS.Signals | null): void {
    this.exitCode = code;
    this.signalCode = signal;
    this.emit('exit', code, signal);
  }
}

/** The thread that spawns every tied child of this process, and its children by id. */
class Spawner {
  // No flags of this process's (--input-type=module would make the source a module).
  private readonly worker = new Worker(THREAD_SOURCE, { eval: true, execArgv: [] });
  private nextId = 0;
  private readonly starting = new Map<
    number,
    {
      resolve(child: RemoteChild): void;
      reject(error: Error): void;
      make(pid: number): RemoteChild;
    }
  >();
  private readonly children = new Map<number, RemoteChild>();

  constructor(private readonly gone: () => void) {
    this.worker.unref();
    this.worker.on('message', (message: FromThread) => this.received(message));
    let failure = '';
    this.worker.on('error', (error) => {
      failure = `: ${error.message}`;
    });
    // The thread should never end; if it does, its children were killed with it (the tie).
    this.worker.once('exit', () => {
      this.gone();
      const error = new Error(`the thread that spawns redis-servers stopped${failure}`);
      for (const { reject } of this.starting.values()) reject(error);
      for (const child of this.children.values()) child.exited(null, 'SIGKILL');
      this.starting.clear();
      this.children.clear();
    });
  }

  spawn(
    file: string,
    args: readonly string[],
    { stdio, detached }: { stdio: TiedSpawnOptions['stdio']; detached: boolean },
  ): Promise<TiedProcess> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.starting.set(id, {
        resolve,
        reject,
        make: (pid) =>
          new RemoteChild(pid, stdio, (signal) =>
            this.worker.postMessage({ type: 'kill', id, signal }),
          ),
      });
      this.keepAlive();
      this.worker.postMessage({ id, file, args, options: { stdio, detached } });
    });
  }

  private received(message: FromThread): void {
    const { id } = message;
    if (message.type === 'spawned' || message.type === 'failed') {
      const starting = this.starting.get(id);
      this.starting.delete(id);
      if (message.type === 'failed') {
        starting?.reject(new Error(message.message));
      } else if (starting) {
        const child = starting.make(message.pid);
        this.children.set(id, child);
        starting.resolve(child);
      }
    } else {
      const child = this.children.get(id);
      if (message.type === 'data')
        child?.[message.stream]?.emit('data', Buffer.from(message.chunk));
      else {
        this.children.delete(id);
        child?.exited(message.code, message.signal);
      }
    }
    this.keepAlive();
  }

  /** As a ChildProcess does, a running child keeps this process alive, and nothing else does. */
  private keepAlive(): void {
    if (this.starting.size + this.children.size > 0) this.worker.ref();
    else this.worker.unref();
  }
}

let current: Spawner | undefined;

function spawner(): Spawner {
  current ??= new Spawner(() => {
    current = undefined;
  });
  return current;
}
