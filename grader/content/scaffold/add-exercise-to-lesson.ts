import { isScalar, isSeq, parseDocument } from 'yaml';
import { ContentError } from '../../errors.ts';
import { FENCE } from '../front-matter.ts';

/**
 * A lesson file's text with `id` appended to its front matter's `exercises` list. The YAML is
 * edited as a document, not as text, so comments, quoting and the other keys stay as written; the
 * body is not touched. An id the list already holds leaves the text as it was.
 */
export function addExerciseToLesson(text: string, id: string, file: string): string {
  const match = FENCE.exec(text);
  if (!match) {
    throw new ContentError("must start with front matter between '---' lines", { file, line: 1 });
  }
  const yaml = match[1] ?? '';
  const document = parseDocument(yaml);
  const [error] = document.errors;
  if (error) throw new ContentError(`front matter is not valid YAML: ${error.message}`, { file });

  const list = document.get('exercises', true);
  if (list === undefined || (isScalar(list) && list.value === null)) {
    document.set('exercises', document.createNode([id]));
  } else if (!isSeq(list)) {
    throw new ContentError("front matter's exercises must be a list of exercise ids", { file });
  } else if (list.items.some((item) => isScalar(item) && item.value === id)) {
    return text;
  } else {
    // `exercises: []` as written by `keyspace new lesson` becomes a block list, as in every
    // lesson; a list written inline with items in it stays inline.
    if (list.items.length === 0) list.flow = false;
    list.add(document.createNode(id));
  }
  // The yaml package writes LF; a lesson written with CRLF keeps CRLF throughout.
  const newline = match[0].includes('\r\n') ? '\r\n' : '\n';
  const edited = document.toString({ lineWidth: 0 }).replace(/\n$/, '').replace(/\r?\n/g, newline);
  const start = match[0].indexOf('\n') + 1;
  return text.slice(0, start) + edited + text.slice(start + yaml.length);
}
