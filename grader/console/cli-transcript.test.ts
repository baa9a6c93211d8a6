import { describe, expect, it } from 'vitest';
import { CliTranscript } from './cli-transcript.ts';

describe("a console run's transcript", () => {
  it("reads redis-cli's bytes as UTF-8, a character split between two prints included", () => {
    const transcript = new CliTranscript(100);
    transcript.print('caf\xc3');
    transcript.print('\xa9 \xff');
    transcript.print('\xe2\x82');
    expect(transcript.end()).toBe('café \ufffd\ufffd');
  });

  it('cuts at its size in characters, and prints nothing after', () => {
    const transcript = new CliTranscript(5);
    expect(transcript.print('abc')).toBe(true);
    expect(transcript.print('\xc3\xa9\xc3\xa9\xc3\xa9')).toBe(false);
    expect(transcript.print('more')).toBe(false);
    expect(transcript).toMatchObject({ cut: true });
    expect(transcript.end()).toBe('abcéé');
  });

  it('tells when a reply still arriving surely fills it, counting characters, not bytes', () => {
    const transcript = new CliTranscript(10);
    transcript.print('12345');
    expect(transcript.fills('x'.repeat(9))).toBe(false);
    expect(transcript.fills('\xc3\xa9'.repeat(10))).toBe(true);
    expect(transcript.fills('\xe6\x97\xa5'.repeat(9))).toBe(false);
  });
});
