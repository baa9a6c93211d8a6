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
      '<div class="runnable-redis"><pre><code class="language-redis"><span class="hljs-keyword">GET</span> k\n</code></pre>\n</div>',
    );
    expect(renderMarkdown('```ts\nconst a = 1;\n```')).not.toContain('runnable-redis');
  });

  it('highlights code blocks, keeping their text escaped', () => {
    const html = renderMarkdown(
      '```ts\nconst tag = "<script>";\n```\n```redis\nSET user:1 "<b>" EX 60\n```',
    );
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain('&quot;&lt;script&gt;&quot;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<span class="hljs-keyword">SET</span> user:1 ');
    expect(html).toContain('<span class="hljs-number">60</span>');
  });
});

describe('lesson pictures, links and outputs', () => {
  it('serves pictures from the course and links lessons to their pages', () => {
    const html = renderMarkdown('![a hash](images/hash.svg) [Lists](05-lists.md#queues)');
    expect(html).toContain('<img src="/course/images/hash.svg" alt="a hash">');
    expect(html).toContain('<a href="/lessons/lists#queues">Lists</a>');
  });

  it('leaves web addresses alone', () => {
    expect(renderMarkdown('[Redis](https://redis.io/docs/)')).toContain(
      '<a href="https://redis.io/docs/">',
    );
  });

  it('folds the output shown after a runnable block, for the learner to predict it first', () => {
    expect(renderMarkdown('```redis-output\nOK\n```')).toBe(
      '<details class="redis-output"><summary>What Redis replies <span class="summary-aside">(predict it, then Run)</span></summary><pre><code class="language-redis-output">OK\n</code></pre>\n</details>',
    );
  });
});
