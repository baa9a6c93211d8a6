import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../errors.ts';
import { addExerciseToLesson } from './add-exercise-to-lesson.ts';

const REPOSITORY_LESSONS = new URL('../../../lessons/', import.meta.url).pathname;

describe('adding an exercise to a lesson', () => {
  it('turns the empty list of a new lesson into a block list', () => {
    const text = '---\ntitle: Intro\nexercises: []\n---\n\nBody\n';
    expect(addExerciseToLesson(text, 'first-keys', 'lessons/01-intro.md')).toBe(
      '---\ntitle: Intro\nexercises:\n  - first-keys\n---\n\nBody\n',
    );
  });

  it('keeps comments, quoting, key order and the body as written', () => {
    const text = [
      '---',
      '# Shown first in the course.',
      "title: 'Hashes: fields'",
      'summary: "One key, many fields" # a trailing comment',
      'exercises:',
      '  - user-profile # the easy one',
      'minutes: 15',
      '---',
      '',
      '```yaml',
      'exercises: []',
      '```',
      '',
    ].join('\n');
    const wired = addExerciseToLesson(text, 'carts', 'lessons/04-hashes.md');
    expect(wired).toBe(text.replace('# the easy one\n', '# the easy one\n  - carts\n'));
  });

  it('keeps the line endings of a lesson written with CRLF', () => {
    const text = '---\r\ntitle: A\r\nexercises:\r\n  - x\r\n---\r\nBody\r\n';
    expect(addExerciseToLesson(text, 'y', 'lessons/01-a.md')).toBe(
      '---\r\ntitle: A\r\nexercises:\r\n  - x\r\n  - y\r\n---\r\nBody\r\n',
    );
  });

  it('adds the list when the front matter has none', () => {
    expect(addExerciseToLesson('---\ntitle: A\n---\nB', 'x', 'a.md')).toBe(
      '---\ntitle: A\nexercises:\n  - x\n---\nB',
    );
  });

  it('keeps an inline list inline', () => {
    expect(addExerciseToLesson('---\nexercises: [a, b]\n---\n', 'c', 'a.md')).toBe(
      '---\nexercises: [ a, b, c ]\n---\n',
    );
  });

  it('leaves a lesson that already names the exercise as it is', () => {
    const text = '---\nexercises:\n  - a\n---\n';
    expect(addExerciseToLesson(text, 'a', 'a.md')).toBe(text);
  });

  it('adds one line and changes nothing else in every lesson of this repository', async () => {
    const files = (await readdir(REPOSITORY_LESSONS)).filter((name) => name.endsWith('.md'));
    for (const name of files) {
      const text = await readFile(join(REPOSITORY_LESSONS, name), 'utf8');
      const before = text.split('\n');
      const after = addExerciseToLesson(text, 'a-new-one', name).split('\n');
      const added = after.findIndex((line, index) => line !== before[index]);
      expect(after[added], name).toBe('  - a-new-one');
      expect(after.toSpliced(added, 1), name).toEqual(before);
    }
  });

  it.each([
    ['no front matter', '# Title\n', /^must start with front matter/],
    ['YAML that does not parse', '---\ntitle: [unclosed\n---\n', /^front matter is not valid YAML/],
    [
      'exercises that are not a list',
      '---\nexercises: first-keys\n---\n',
      /exercises must be a list/,
    ],
  ])('refuses %s, naming the file', (_, text, message) => {
    const error = (() => {
      try {
        addExerciseToLesson(text, 'x', 'a.md');
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ContentError);
    expect(error).toMatchObject({
      location: { file: 'a.md' },
      detail: expect.stringMatching(message),
    });
  });
});
