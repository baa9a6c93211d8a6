import { useEffect, useState } from 'react';
import type { CommandDoc } from '../../../../contracts/index.ts';
import { getCommandDocs } from './api/get-command-docs.ts';

/** Asked once per page load, by the first console that needs it: the same for every lesson. */
let asked: Promise<CommandDoc[]> | undefined;

/**
 * The commands of the learner's Redis, for completion and help; undefined until they come (or if
 * they cannot: the console works without them, and the next console to mount asks again).
 */
export function useCommandDocs(): CommandDoc[] | undefined {
  const [docs, setDocs] = useState<CommandDoc[]>();
  useEffect(() => {
    let current = true;
    asked ??= getCommandDocs().then(({ commands }) => commands);
    asked.then(
      (found) => current && setDocs(found),
      () => {
        asked = undefined;
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return docs;
}
