import MarkdownIt from 'markdown-it';

/** A ```redis block of a lesson, and the ```redis-output block after it if there is one. */
export interface RedisBlock {
  /** Line in the lesson file where the block's fence opens. */
  line: number;
  commands: string;
  expected?: { line: number; text: string };
}

/** A link or image whose target is a file of the course, not a web address. */
export interface LocalReference {
  line: number;
  kind: 'link' | 'image';
  target: string;
}

const markdown = new MarkdownIt({ html: false, linkify: true });

/** Parses a lesson's Markdown; `firstLine` is the file line on which the Markdown starts. */
export function lessonParts(text: string, firstLine: number) {
  const tokens = markdown.parse(text, {});
  const lineOf = (token: { map: [number, number] | null }) => firstLine + (token.map?.[0] ?? 0);
  const blocks: RedisBlock[] = [];
  const references: LocalReference[] = [];
  tokens.forEach((token, index) => {
    if (token.type === 'fence' && token.info.trim() === 'redis') {
      const next = tokens[index + 1];
      const expected =
        next?.type === 'fence' && next.info.trim() === 'redis-output'
          ? { line: lineOf(next), text: next.content }
          : undefined;
      blocks.push({
        line: lineOf(token),
        commands: token.content,
        ...(expected ? { expected } : {}),
      });
    }
    for (const child of token.children ?? []) {
      const attribute = child.type === 'image' ? 'src' : child.type === 'link_open' ? 'href' : '';
      const target = attribute ? String(child.attrGet(attribute) ?? '') : '';
      if (target && isLocal(target)) {
        references.push({
          line: lineOf(token),
          kind: child.type === 'image' ? 'image' : 'link',
          target,
        });
      }
    }
  });
  return { blocks, references };
}

/** Web addresses, mail links and in-page anchors are not files of the course. */
function isLocal(target: string): boolean {
  return !/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(target);
}
