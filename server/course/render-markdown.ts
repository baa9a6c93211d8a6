import MarkdownIt from 'markdown-it';
import { highlightCode } from './highlight-code.ts';

/** Where the server serves a course's `lessons/images/` (see app.ts). */
export const COURSE_IMAGES_PATH = '/course/images/';

// html: false — Markdown never carries raw HTML to the page, whoever wrote it.
const markdown = new MarkdownIt({
  html: false,
  linkify: true,
  typographer: true,
  highlight: highlightCode,
});

const LESSON_FILE_LINK = /^(?:\.\/)?\d{2}-([a-z0-9]+(?:-[a-z0-9]+)*)\.md(#.*)?$/;

const OUTPUT_SUMMARY =
  'What Redis replies <span class="summary-aside">(predict it, then Run)</span>';

const renderFence = markdown.renderer.rules.fence;
const renderImage = markdown.renderer.rules.image;
const renderToken: NonNullable<typeof renderFence> = (tokens, index, options, _env, self) =>
  self.renderToken(tokens, index, options);

// A ```redis block is a runnable one: the page finds it by its class and adds a Run button.
// A ```redis-output block shows what those commands print, folded: the learner predicts the reply,
// runs the block, and compares (the page opens it after a Run).
markdown.renderer.rules.fence = (tokens, index, options, env, self) => {
  const html = (renderFence ?? renderToken)(tokens, index, options, env, self);
  const info = tokens[index]?.info.trim();
  if (info === 'redis') return `<div class="runnable-redis">${html}</div>`;
  if (info === 'redis-output') {
    return `<details class="redis-output"><summary>${OUTPUT_SUMMARY}</summary>${html}</details>`;
  }
  return html;
};

// Lessons link pictures and each other as files (images/x.svg, 04-hashes.md), which reads well
// in an editor and on GitHub; on the site those are the served picture and the lesson's page.
markdown.renderer.rules.image = (tokens, index, options, env, self) => {
  const src = String(tokens[index]?.attrGet('src') ?? '');
  if (src.startsWith('images/')) {
    tokens[index]?.attrSet('src', `${COURSE_IMAGES_PATH}${src.slice('images/'.length)}`);
  }
  return (renderImage ?? renderToken)(tokens, index, options, env, self);
};

markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const match = LESSON_FILE_LINK.exec(String(tokens[index]?.attrGet('href') ?? ''));
  if (match) tokens[index]?.attrSet('href', `/lessons/${match[1]}${match[2] ?? ''}`);
  return self.renderToken(tokens, index, options);
};

export function renderMarkdown(text: string): string {
  return markdown.render(text);
}
