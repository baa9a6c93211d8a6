/**
 * Bytes as redis-cli's C code reads them, a C string: up to the first NUL, one character per
 * byte (latin1), so that no byte is lost or changed.
 */
export function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.toString('latin1', 0, end === -1 ? bytes.length : end);
}

/** Text as C's strcasecmp compares it: ASCII letters in lower case, every other byte as it is. */
export function foldCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}
