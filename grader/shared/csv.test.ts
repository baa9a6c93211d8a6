import { describe, expect, it } from 'vitest';
import { csvTable } from './csv.ts';

describe('csvTable', () => {
  it('quotes every field, doubles quotes, keeps line breaks inside fields, ends rows with CRLF', () => {
    expect(
      csvTable([
        ['name', 'note'],
        ['ada', 'says "hi"\nthen leaves'],
      ]),
    ).toBe('"name","note"\r\n"ada","says ""hi""\nthen leaves"\r\n');
  });

  it('keeps every field that a spreadsheet would run as a formula as text', () => {
    const starts = ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'];
    expect(csvTable([starts])).toBe(`${starts.map((field) => `"'${field}"`).join(',')}\r\n`);
    expect(csvTable([['1-1', 'a=b']])).toBe('"1-1","a=b"\r\n');
  });
});
