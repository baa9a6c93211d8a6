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
      /lessons\/01-x\.md: front matter is invalid:\n {2}title: .*\n {2}minutes: /,
    );
  });

  it('says so when there is no front matter', () => {
    expect(() => parseFrontMatter('# Just text', Schema, 'b.md')).toThrow(
      "b.md: must start with front matter between '---' lines",
    );
  });
});
