import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from 'react';
import type {
  ConsoleReply,
  ConsoleReset,
  KeyPage,
  RunOnceResult,
} from '../../../../contracts/index.ts';
import { getKeys } from './api/get-keys.ts';
import { resetConsole } from './api/reset-console.ts';
import { runCode as postRun } from './api/run-code.ts';
import { runCommands } from './api/run-commands.ts';

export interface ConsoleEntry {
  key: number;
  commands: string;
  reply: ConsoleReply | { error: string };
}

interface ConsoleState {
  entries: ConsoleEntry[];
  /**
   * Runs commands (one per line) in the learner's console and adds them to its history; `send`
   * says how, when not as typed commands (a lesson's block).
   */
  run<Reply extends ConsoleReply>(
    commands: string,
    send?: (commands: string) => Promise<Reply>,
  ): Promise<Reply>;
  /**
   * Empties the learner's Redis, or sets it as a lesson has it just before one of its blocks,
   * and says so in the console's history.
   */
  reset(before?: { lesson: string; block: number }): Promise<ConsoleReset>;
  /** Runs an exercise's code once in the console's sandbox, with the learner's own `args`, if any. */
  runCode(exercise: string, source: string, args?: unknown[][]): Promise<RunOnceResult>;
  /** A page of the sandbox's keys: the first, or the one after `cursor`; `match` filters them. */
  keys(cursor?: string, match?: string): Promise<KeyPage>;
  /** Counts what may have changed the sandbox's keys, for views of them to refresh. */
  changes: number;
}

const ConsoleContext = createContext<ConsoleState | undefined>(undefined);

/**
 * The lesson page's view of the learner's console. The server keeps one sandbox per learner (by
 * their cookie) and replaces one that stopped, saying so in a reply's note: nothing to open here.
 */
export function ConsoleProvider({ children }: { children: ReactNode }) {
  const [entries, setEntries] = useState<ConsoleEntry[]>([]);
  const [changes, setChanges] = useState(0);
  const next = useRef(0);

  const run = useCallback(async function run<Reply extends ConsoleReply>(
    commands: string,
    // Without `send`, Reply is ConsoleReply: what runCommands answers.
    send = runCommands as (commands: string) => Promise<Reply>,
  ) {
    const key = next.current++;
    try {
      const reply = await send(commands);
      setEntries((current) => [...current, { key, commands, reply }]);
      setChanges((count) => count + 1);
      return reply;
    } catch (error) {
      const message = (error as Error).message;
      setEntries((current) => [...current, { key, commands, reply: { error: message } }]);
      throw error;
    }
  }, []);

  const reset = useCallback(async (before?: { lesson: string; block: number }) => {
    const key = next.current++;
    // No command was typed: the entry is the server's report alone.
    const entry = (reply: ConsoleEntry['reply']) =>
      setEntries((current) => [...current, { key, commands: '', reply }]);
    try {
      const done = await resetConsole(before);
      const output = !before
        ? 'Your Redis was emptied.'
        : before.block === 1
          ? 'Your Redis was emptied: the start of this lesson.'
          : `Your Redis was emptied, then ran the lesson's ${done.ran} block${done.ran === 1 ? '' : 's'} above block ${before.block}.`;
      entry(done.note ? { output, note: done.note } : { output });
      setChanges((count) => count + 1);
      return done;
    } catch (error) {
      entry({ error: (error as Error).message });
      throw error;
    }
  }, []);

  const runCode = useCallback(async (exercise: string, source: string, args?: unknown[][]) => {
    const result = await postRun(exercise, source, args);
    setChanges((count) => count + 1);
    return result;
  }, []);

  const keys = useCallback((cursor?: string, match?: string) => getKeys(cursor, match), []);

  return (
    <ConsoleContext value={{ entries, run, reset, runCode, keys, changes }}>
      {children}
    </ConsoleContext>
  );
}

export function useConsole(): ConsoleState {
  const state = useContext(ConsoleContext);
  if (!state) throw new Error('useConsole needs a ConsoleProvider above it');
  return state;
}
