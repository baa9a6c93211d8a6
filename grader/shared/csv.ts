// CSV as spreadsheets open it: RFC 4180 with CRLF line ends. What goes in is often someone
// else's text (learner names, check names), so no field may be read as a formula.

/** Rows as CSV, each field quoted, ending with a line break. */
export function csvTable(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * One quoted field. A leading `=`, `+`, `-`, `@`, tab or carriage return would make a
 * spreadsheet run the field as a formula (OWASP's "CSV injection"): a `'` before it keeps it text.
 */
function csvField(text: string): string {
  const inert = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${inert.replace(/"/g, '""')}"`;
}
