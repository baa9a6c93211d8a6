import * as typescript from 'monaco-editor/languages/features/typescript/register';
import { declareTypes, monaco } from './components/monaco.ts';

/** Code that makes the TypeScript service read ioredis's declarations and list a client's members. */
const WARM_UP = "import type Redis from 'ioredis';\ndeclare const redis: Redis;\nredis.";

let warming: Promise<void> | undefined;

/**
 * Loads Monaco, starts its TypeScript worker and has it answer one `redis.` completion, while the
 * learner reads the lesson: the first completion in the editor then finds TypeScript compiled,
 * ioredis's declarations parsed and the service's code hot, instead of doing it all (seconds on a
 * busy machine) after the learner typed the dot. Once per page; the editors share the worker.
 */
export function warmEditor(): Promise<void> {
  warming ??= warm();
  return warming;
}

async function warm(): Promise<void> {
  await declareTypes();
  // A model of its own, gone afterwards, so that no exercise's code is in the service's way.
  const model = monaco.editor.createModel(
    WARM_UP,
    'typescript',
    monaco.Uri.parse('file:///keyspace/warm-up.ts'),
  );
  try {
    const worker = await (await typeScriptWorker())(model.uri);
    await worker.getCompletionsAtPosition(model.uri.toString(), WARM_UP.length);
  } finally {
    model.dispose();
  }
}

/**
 * Monaco sets the TypeScript service up when the first TypeScript model appears, after an import
 * of its own: until then it answers "TypeScript not registered!".
 */
async function typeScriptWorker() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await typescript.getTypeScriptWorker();
    } catch (error) {
      if (attempt === 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
