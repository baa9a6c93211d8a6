import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from 'react';
import { getKeys, type KeyPage } from './api/get-keys.ts';
import { runCode as postRun, type RunOnceResult } from './api/run-code.ts';
import { type ConsoleReply, runCommands } from './api/run-commands.ts';

export interface ConsoleEntry {
  key: number;
  commands: string;
  reply: ConsoleReply | { error: string };
}

interface ConsoleState {
  entries: ConsoleEntry[];
  /** Runs commands (one per line) in the learner's console and adds them to its history. */
  run(commands: string): Promise<ConsoleReply>;
  /** Runs an exercise's code once in the console's sandbox. */
  runCode(exercise: string, source: string): Promise<RunOnceResult>;
  /** A page of the sandbox's keys: the first, or the one after `cursor`. */
  keys(cursor?: string): Promise<KeyPage>;
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

  const run = useCallback(async (commands: string) => {
    const key = next.current++;
    try {
      const reply = await runCommands(commands);
      setEntries((current) => [...current, { key, commands, reply }]);
      setChanges((count) => count + 1);
      return reply;
    } catch (error) {
      const message = (error as Error).message;
      setEntries((current) => [...current, { key, commands, reply: { error: message } }]);
      throw error;
    }
  }, []);

  const runCode = useCallback(async (exercise: string, source: string) => {
    const result = await postRun(exercise, source);
    setChanges((count) => count + 1);
    return result;
  }, []);

  const keys = useCallback((cursor?: string) => getKeys(cursor), []);

  return (
    <ConsoleContext value={{ entries, run, runCode, keys, changes }}>{children}</ConsoleContext>
  );
}

export function useConsole(): ConsoleState {
  const state = useContext(ConsoleContext);
  if (!state) throw new Error('useConsole needs a ConsoleProvider above it');
  return state;
}
