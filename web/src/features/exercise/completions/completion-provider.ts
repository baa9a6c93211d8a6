import { type IDisposable, languages, Range, type Uri } from 'monaco-editor/editor';
import * as typescript from 'monaco-editor/languages/features/typescript/register';
import { rankCompletions } from './rank-completions.ts';
import { readableDetail } from './readable-detail.ts';

// What the TypeScript service answers (typescript.CompletionInfo and CompletionEntryDetails),
// as far as this provider reads it: Monaco's worker types it `any`.
interface DisplayPart {
  text: string;
}
interface CompletionInfo {
  isMemberCompletion: boolean;
  entries: {
    name: string;
    kind: string;
    kindModifiers?: string;
    sortText: string;
    replacementSpan?: { start: number; length: number };
  }[];
}
interface CompletionDetails {
  name: string;
  kind: string;
  displayParts: DisplayPart[];
  documentation?: DisplayPart[];
  tags?: { name: string; text?: DisplayPart[] }[];
}

/** An item with what resolving its details asks the service again. */
interface ServiceItem extends languages.CompletionItem {
  uri: Uri;
  offset: number;
}

const { CompletionItemKind: Kind } = languages;
const KINDS: Record<string, languages.CompletionItemKind> = {
  'primitive type': Kind.Keyword,
  keyword: Kind.Keyword,
  var: Kind.Variable,
  let: Kind.Variable,
  const: Kind.Variable,
  'local var': Kind.Variable,
  parameter: Kind.Variable,
  property: Kind.Field,
  getter: Kind.Field,
  setter: Kind.Field,
  function: Kind.Function,
  'local function': Kind.Function,
  method: Kind.Method,
  construct: Kind.Function,
  call: Kind.Function,
  index: Kind.Function,
  enum: Kind.Enum,
  module: Kind.Module,
  class: Kind.Class,
  interface: Kind.Interface,
  type: Kind.Interface,
};

const text = (parts: DisplayPart[] | undefined) => parts?.map((part) => part.text).join('') ?? '';

/**
 * TypeScript's completions as Monaco's own provider gives them (typescriptDefaults'
 * `completionItems` is turned off for this one), with an ioredis client's members ranked for a
 * learner (rank-completions.ts) and signatures a details pane can show (readable-detail.ts).
 */
export function registerCompletionProvider(): IDisposable {
  return languages.registerCompletionItemProvider('typescript', {
    triggerCharacters: ['.'],
    async provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const wordRange = new Range(
        position.lineNumber,
        word.startColumn,
        position.lineNumber,
        word.endColumn,
      );
      const offset = model.getOffsetAt(position);
      const worker = await (await typescript.getTypeScriptWorker())(model.uri);
      if (model.isDisposed()) return undefined;
      const info = (await worker.getCompletionsAtPosition(model.uri.toString(), offset)) as
        | CompletionInfo
        | undefined;
      if (!info || model.isDisposed()) return undefined;
      const suggestions = rankCompletions(info.entries, info.isMemberCompletion).map(
        (entry): ServiceItem => {
          const span = entry.replacementSpan;
          const range = span
            ? Range.fromPositions(
                model.getPositionAt(span.start),
                model.getPositionAt(span.start + span.length),
              )
            : wordRange;
          return {
            uri: model.uri,
            offset,
            range,
            label: entry.name,
            insertText: entry.name,
            sortText: entry.sortText,
            kind: KINDS[entry.kind] ?? Kind.Property,
            tags: entry.kindModifiers?.includes('deprecated')
              ? [languages.CompletionItemTag.Deprecated]
              : [],
          };
        },
      );
      return { suggestions };
    },
    async resolveCompletionItem(item) {
      const { uri, offset, label } = item as ServiceItem;
      const worker = await (await typescript.getTypeScriptWorker())(uri);
      const details = (await worker.getCompletionEntryDetails(
        uri.toString(),
        offset,
        typeof label === 'string' ? label : label.label,
      )) as CompletionDetails | undefined;
      if (!details) return item;
      return {
        ...item,
        detail: readableDetail(text(details.displayParts)),
        documentation: { value: documentation(details) },
      };
    },
  });
}

/** The JSDoc as Monaco's own provider writes it: the text, then each tag on a line. */
function documentation(details: CompletionDetails): string {
  const tags = (details.tags ?? []).map(({ name, text: parts }) => {
    if (name === 'param' && parts?.[0]) {
      const [parameter, ...rest] = parts;
      return `*@param* \`${parameter.text}\`${rest.length ? ` — ${text(rest)}` : ''}`;
    }
    return parts?.length ? `*@${name}* — ${text(parts)}` : `*@${name}*`;
  });
  return [text(details.documentation), ...tags].join('\n\n');
}
