import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from 'react';
import { ApiError } from '../../lib/api-client.ts';
import { openConsole } from './api/open-console.ts';
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
}

const ConsoleContext = createContext<ConsoleState | undefined>(undefined);

// The console's id lives for the browser tab: its sandbox keeps the learner's keys meanwhile.
const STORAGE_KEY = 'keyspace.console';

export function ConsoleProvider({ children }: { children: ReactNode }) {
  const [entries, setEntries] = useState<ConsoleEntry[]>([]);
  const next = useRef(0);
  const consoleId = useRef<Promise<string> | undefined>(undefined);

  const open = useCallback((): Promise<string> => {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    consoleId.current ??= stored
      ? Promise.resolve(stored)
      : openConsole().then(({ id }) => {
          sessionStorage.setItem(STORAGE_KEY, id);
          return id;
        });
    return consoleId.current;
  }, []);

  const run = useCallback(
    async (commands: string) => {
      const key = next.current++;
      try {
        let reply: ConsoleReply;
        try {
          reply = await runCommands(await open(), commands);
        } catch (error) {
          // The console idled out or the server restarted: a new one, once.
          if (!(error instanceof ApiError && error.status === 404)) throw error;
          sessionStorage.removeItem(STORAGE_KEY);
          consoleId.current = undefined;
          reply = await runCommands(await open(), commands);
        }
        setEntries((current) => [...current, { key, commands, reply }]);
        return reply;
      } catch (error) {
        consoleId.current = undefined;
        const message = (error as Error).message;
        setEntries((current) => [...current, { key, commands, reply: { error: message } }]);
        throw error;
      }
    },
    [open],
  );

  return <ConsoleContext value={{ entries, run }}>{children}</ConsoleContext>;
}

export function useConsole(): ConsoleState {
  const state = useContext(ConsoleContext);
  if (!state) throw new Error('useConsole needs a ConsoleProvider above it');
  return state;
}
