import { z } from 'zod';
import { STATEFUL_COMMANDS } from '../runner/stateful-commands.ts';

/**
 * Commands that reach past the keys a Run needs: the learner's sandbox also holds what they typed
 * in the console and what other exercises' Runs left, for the key browser.
 */
const WHOLE_SANDBOX = new Set(['flushall', 'flushdb', 'swapdb', 'select', 'move']);

/**
 * One command of `setup:` in exercise.md, as its words: `[HSET, db:forecasts, lisbon, sunny]`.
 * Numbers are words too (`[EXPIRE, key, 60]`); YAML would otherwise need every one quoted.
 */
export const SetupCommand = z
  .array(z.union([z.string(), z.number().transform(String)]), {
    error:
      'must be a Redis command as a list of its words, e.g. [HSET, db:forecasts, lisbon, sunny]',
  })
  .min(
    1,
    'is empty: give a Redis command as a list of its words, e.g. [DEL, cache:forecast:lisbon]',
  )
  .superRefine((words, ctx) => {
    const name = String(words[0]).toLowerCase();
    if (!/^[a-z][a-z0-9_|-]*$/.test(name)) {
      ctx.addIssue({ code: 'custom', message: `${words[0]} is not the name of a Redis command` });
    } else if (WHOLE_SANDBOX.has(name)) {
      ctx.addIssue({
        code: 'custom',
        message: `${words[0]} reaches every key of the learner's Redis, where their console work and other exercises' keys live: DEL the keys the Run needs fresh instead`,
      });
    } else if (STATEFUL_COMMANDS.has(name)) {
      ctx.addIssue({
        code: 'custom',
        message: `${words[0]} leaves state on its connection, not data in Redis: setup holds commands that store data (SET, HSET, RPUSH, DEL, …)`,
      });
    }
  });

/** What Redis holds before a Run: commands sent, in order, as the learner, before the first call. */
export const RunSetup = z.array(SetupCommand).max(100, 'holds more than 100 commands').default([]);
