import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown.ts';

describe('lesson Markdown', () => {
  it('shows raw HTML as text, never as markup', () => {
    const html = renderMarkdown('Hello <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('marks redis blocks as runnable and leaves other code alone', () => {
    expect(renderMarkdown('```redis\nGET k\n```')).toBe(
      '<div class="runnable-redis"><pre><code class="language-redis">GET k\n</code></pre>\n</div>',
    );
    expect(renderMarkdown('```ts\nconst a = 1;\n```')).not.toContain('runnable-redis');
  });
});
