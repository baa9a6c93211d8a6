import { describe, expect, it } from 'vitest';
import { loggedArgs } from './logged-args.ts';

describe('arguments as the command log shows them', () => {
  it('shows a Buffer that holds text as that text, and other bytes as their size', () => {
    expect(
      loggedArgs([
        Buffer.from('weather'),
        Buffer.from('café ☕\nnext line'),
        Buffer.from([0x89, 0x50, 0x4e, 0x47]),
        Buffer.from([0x61, 0x00, 0x62]),
        Buffer.alloc(0),
      ]),
    ).toEqual(['weather', 'café ☕\nnext line', '<4 bytes>', '<3 bytes>', '']);
  });

  it('cuts long text and lists at most fifty arguments', () => {
    const shown = loggedArgs([Buffer.from('x'.repeat(300)), ...Array.from({ length: 60 }, String)]);
    expect(shown[0]).toBe(`${'x'.repeat(200)}…`);
    expect(shown).toHaveLength(51);
    expect(shown.at(-1)).toBe('…11 more');
  });
});
