import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from 'react';
import { ApiError } from '../../lib/api-client.ts';
import { getKeys, type KeyView } from './api/get-keys.ts';
import { openConsole } from './api/open-console.ts';
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
  keys(): Promise<KeyView[]>;
  /** Counts what may have changed the sandbox's keys, for views of them to refresh. */
  changes: number;
}

const ConsoleContext = createContext<ConsoleState | undefined>(undefined);

// The console's id lives for the browser tab: its sandbox keeps the learner's keys meanwhile.
const STORAGE_KEY = 'keyspace.console';

export function ConsoleProvider({ children }: { children: ReactNode }) {
  const [entries, setEntries] = useState<ConsoleEntry[]>([]);
  const [changes, setChanges] = useState(0);
  const next = useRef(0);
  const consoleId = useRef<Promise<string> | undefined>(undefined);

  const open = useCallback((): Promise<string> => {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    consoleId.current ??= stored
      ? Promise.resolve(stored)
      : openConsole().then(
          ({ id }) => {
            sessionStorage.setItem(STORAGE_KEY, id);
            return id;
          },
          (error: Error) => {
            // Not opened (the server is full or away): the next call tries again.
            consoleId.current = undefined;
            throw error;
          },
        );
    return consoleId.current;
  }, []);

  /** Calls the console's API; a console that idled out or a restarted server gets a new one, once. */
  const withConsole = useCallback(
    async <T,>(call: (id: string) => Promise<T>): Promise<T> => {
      const used = open();
      try {
        return await call(await used);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'console_ended')) throw error;
        // Two calls may learn of it together: only the first opens a new console.
        if (consoleId.current === used) {
          consoleId.current = undefined;
          sessionStorage.removeItem(STORAGE_KEY);
        }
        return call(await open());
      }
    },
    [open],
  );

  const run = useCallback(
    async (commands: string) => {
      const key = next.current++;
      try {
        const reply = await withConsole((id) => runCommands(id, commands));
        setEntries((current) => [...current, { key, commands, reply }]);
        setChanges((count) => count + 1);
        return reply;
      } catch (error) {
        const message = (error as Error).message;
        setEntries((current) => [...current, { key, commands, reply: { error: message } }]);
        throw error;
      }
    },
    [withConsole],
  );

  const runCode = useCallback(
    async (exercise: string, source: string) => {
      const result = await withConsole((id) => postRun(id, exercise, source));
      setChanges((count) => count + 1);
      return result;
    },
    [withConsole],
  );

  // Looking at keys opens no console: one exists once the learner has used it.
  const keys = useCallback(async () => {
    if (!consoleId.current && !sessionStorage.getItem(STORAGE_KEY)) return [];
    return (await withConsole((id) => getKeys(id))).keys;
  }, [withConsole]);

  return (
    <ConsoleContext value={{ entries, run, runCode, keys, changes }}>{children}</ConsoleContext>
  );
}

export function useConsole(): ConsoleState {
  const state = useContext(ConsoleContext);
  if (!state) throw new Error('useConsole needs a ConsoleProvider above it');
  return state;
}
