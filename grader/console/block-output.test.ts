import { describe, expect, it } from 'vitest';
import { sameBlockOutput } from './block-output.ts';

describe('a lesson block’s output, compared with the lesson’s', () => {
  it('ignores how long a command took on a busy machine, and trailing white space', () => {
    expect(sameBlockOutput('OK\n(0.81s)\n"sunny"\n(12.50s)\n\n', 'OK\n"sunny"')).toBe(true);
  });

  it('sees every other difference, a reply that looks like a time included', () => {
    expect(sameBlockOutput('OK\n"sunny"\n', 'OK\n"rainy"')).toBe(false);
    expect(sameBlockOutput('"(0.81s)"\n', '')).toBe(false);
    expect(sameBlockOutput('(0.81s)\n', '(0.81s)')).toBe(false);
  });
});
