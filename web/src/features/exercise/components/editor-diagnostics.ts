// What the editor knows about the learner's code, and what the grader found in it, on the model
// itself. Loaded with the editor (it imports Monaco): the workbench imports it only when asked.
import { getTypeScriptWorker } from 'monaco-editor/languages/features/typescript/register';
import { exerciseCodeUri } from '../exercise-code-uri.ts';
import { monaco } from './monaco.ts';

/** A problem at a line of the learner's code, or (`info`) what the line did. */
export interface LineProblem {
  line: number;
  message: string;
  severity?: 'error' | 'info';
}

const modelUri = (path: string) => monaco.Uri.parse(exerciseCodeUri(path));

/**
 * "… implicitly has an 'any' type": a type left out, not one contradicted. Code written as plain
 * JavaScript runs as it reads; the question before Run is for types that disagree (an object
 * passed where Redis wants a string), which is what stores `[object Object]`.
 */
const TYPE_LEFT_OUT = new Set([7005, 7006, 7008, 7010, 7011, 7019, 7031, 7034]);

/** Marks from Run and Submit: set apart from TypeScript's own, so that each replaces only its own. */
const OWNER = 'keyspace';

/**
 * TypeScript's errors in the code as it is now, asked of its worker: the squiggles may lag the
 * last keystroke by half a second, and a Run sent in that half second must not miss one.
 */
export async function typeErrors(path: string): Promise<LineProblem[]> {
  const model = monaco.editor.getModel(modelUri(path));
  if (!model) return [];
  const worker = await (await getTypeScriptWorker())(model.uri);
  const file = model.uri.toString();
  const found = await Promise.all([
    worker.getSyntacticDiagnostics(file),
    worker.getSemanticDiagnostics(file),
  ]);
  // The model may have been replaced (Reset to starter) while the worker answered.
  if (model.isDisposed()) return [];
  return found
    .flat()
    .filter((diagnostic) => !TYPE_LEFT_OUT.has(diagnostic.code))
    .map((diagnostic) => ({
      line: model.getPositionAt(diagnostic.start ?? 0).lineNumber,
      message: flatten(diagnostic.messageText),
    }))
    .sort((a, b) => a.line - b.line);
}

/** Shows Run's or Submit's problems on their lines, in place of those shown before. */
export function markLines(path: string, problems: readonly LineProblem[]): void {
  const model = monaco.editor.getModel(modelUri(path));
  if (!model) return;
  const lines = model.getLineCount();
  monaco.editor.setModelMarkers(
    model,
    OWNER,
    problems
      .filter(({ line }) => line >= 1 && line <= lines)
      .map(({ line, message, severity = 'error' }) => ({
        severity: severity === 'info' ? monaco.MarkerSeverity.Info : monaco.MarkerSeverity.Error,
        message,
        startLineNumber: line,
        startColumn: model.getLineFirstNonWhitespaceColumn(line) || 1,
        endLineNumber: line,
        endColumn: model.getLineMaxColumn(line),
      })),
  );
}

/** Puts the cursor at the start of `line` in the editor of `path`, and the focus there. */
export function focusLine(path: string, line: number): void {
  const uri = modelUri(path).toString();
  const editor = monaco.editor
    .getEditors()
    .find((candidate) => candidate.getModel()?.uri.toString() === uri);
  if (!editor) return;
  editor.setPosition({ lineNumber: line, column: 1 });
  editor.revealLineInCenterIfOutsideViewport(line);
  editor.focus();
}

type MessageChain = string | { messageText: string; next?: MessageChain[] };

/** TypeScript's message, its chain of reasons on one line. */
function flatten(text: MessageChain): string {
  if (typeof text === 'string') return text;
  return [text.messageText, ...(text.next ?? []).map(flatten)].join(' ');
}
