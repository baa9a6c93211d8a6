import { useRef, useState } from 'react';
import { editableText, parseArguments, type RunCall } from '../run-arguments.ts';

/**
 * The learner's own arguments for Run's calls, kept as typed (even when they cannot be read) until
 * they are restored. They belong to the calls they were written for: an author's edit of `run:`
 * (live preview) starts them again from the exercise's.
 */
export function useRunArguments(calls: RunCall[]) {
  const scenario = JSON.stringify(calls);
  const exercises = () => calls.map(({ args }) => editableText(args));
  const [own, setOwn] = useState(() => ({
    scenario,
    texts: exercises(),
    errors: [] as (string | undefined)[],
  }));
  const current = own.scenario === scenario ? own : { scenario, texts: exercises(), errors: [] };
  const [open, setOpen] = useState(false);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const edited = calls.some(({ args }, index) => current.texts[index] !== editableText(args));

  return {
    texts: current.texts,
    errors: current.errors,
    edited,
    open,
    setOpen,
    inputs,
    edit(index: number, text: string) {
      setOwn({
        scenario,
        texts: current.texts.map((old, at) => (at === index ? text : old)),
        errors: current.errors.map((old, at) => (at === index ? undefined : old)),
      });
    },
    restore() {
      setOwn({ scenario, texts: exercises(), errors: [] });
    },
    /**
     * The arguments to send: none when they are the exercise's. When one cannot be read, says so
     * by it, opens the list and focuses it, and answers which call it is.
     */
    read(): { args?: unknown[][] } | { unreadable: number } {
      if (!edited) return {};
      const parsed = calls.map(({ args }, index) =>
        parseArguments(current.texts[index] ?? '', args),
      );
      const errors = parsed.map((one) => ('error' in one ? one.error : undefined));
      setOwn({ ...current, errors });
      const first = errors.findIndex(Boolean);
      if (first === -1) return { args: parsed.map((one) => ('args' in one ? one.args : [])) };
      setOpen(true);
      // The list opens first, then the field can take the focus.
      setTimeout(() => inputs.current[first]?.focus());
      return { unreadable: first };
    },
  };
}
