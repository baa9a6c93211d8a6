import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ContentError } from '../errors.ts';
import { parseFrontMatter } from './front-matter.ts';

const Schema = z.object({ title: z.string(), minutes: z.number() });

describe('front matter', () => {
  it('splits the YAML from the body', () => {
    const { data, body } = parseFrontMatter(
      '---\ntitle: Hi\nminutes: 5\n---\n# Body\n',
      Schema,
      'a.md',
    );
    expect(data).toEqual({ title: 'Hi', minutes: 5 });
    expect(body).toBe('# Body\n');
  });

  it('names the file and every invalid field at once', () => {
    const parse = () => parseFrontMatter('---\nminutes: soon\n---\n', Schema, 'lessons/01-x.md');
    expect(parse).toThrow(ContentError);
    expect(parse).toThrow(
      /lessons\/01-x\.md:2: front matter is invalid:\n {2}title: .*\n {2}minutes: /,
    );
  });

  it('gives the line of the first invalid field', () => {
    const text = '---\ntitle: Hi\n\nminutes: soon\n---\n';
    expect(() => parseFrontMatter(text, Schema, 'a.md')).toThrow(/^a\.md:4: front matter/);
  });

  it("points at a field's key, and at an item of a list", () => {
    const List = z.object({ title: z.string(), hints: z.array(z.string()) });
    const text = '---\ntitle:\n  - a list\nhints:\n  - fine\n  - 7\n---\n';
    expect(() => parseFrontMatter(text, List, 'a.md')).toThrow(/^a\.md:2: /);
    const hints = '---\ntitle: Hi\nhints:\n  - fine\n  - 7\n---\n';
    expect(() => parseFrontMatter(hints, List, 'a.md')).toThrow(/^a\.md:5: /);
  });

  it('gives the line of a YAML syntax error, and no more than its first line', () => {
    const text = '---\ntitle: Hi\nminutes: [5\n---\n';
    try {
      parseFrontMatter(text, Schema, 'a.md');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      const { location, detail } = error as ContentError;
      expect(location?.line).toBeGreaterThanOrEqual(3);
      expect(detail).toMatch(/^front matter is not valid YAML: \S/);
      expect(detail).not.toContain('\n');
    }
  });

  it.each([
    ['a double', 'title: "Hi\nminutes: 5\nsummary: more\n', 2],
    ['a single', "title: Hi\nminutes: 5\nhints:\n  - 'one\n  - two\n", 5],
    ['a flow list item', 'title: Hi\nhints: ["one, two]\nminutes: 5\n', 3],
  ])('gives the line %s quote opens on when it is never closed, not the end', (_, yaml, line) => {
    const text = `---\n${yaml}---\nBody.\n`;
    expect(() => parseFrontMatter(text, Schema, 'a.md')).toThrow(
      new RegExp(
        `^a\\.md:${line}: front matter is not valid YAML: the quote opened on this line is never closed`,
      ),
    );
  });

  it('says so when there is no front matter', () => {
    expect(() => parseFrontMatter('# Just text', Schema, 'b.md')).toThrow(
      "b.md:1: must start with front matter between '---' lines",
    );
  });
});
