import MarkdownIt from 'markdown-it';

// html: false — Markdown never carries raw HTML to the page, whoever wrote it.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });

const defaultFence = markdown.renderer.rules.fence;

// A ```redis block is a runnable one: the page finds it by its class and adds a Run button.
markdown.renderer.rules.fence = (tokens, index, options, env, self) => {
  const token = tokens[index];
  const html = defaultFence ? defaultFence(tokens, index, options, env, self) : '';
  if (token?.info.trim() !== 'redis') return html;
  return `<div class="runnable-redis">${html}</div>`;
};

export function renderMarkdown(text: string): string {
  return markdown.render(text);
}
