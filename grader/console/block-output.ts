/**
 * redis-cli's line after a command that took half a second or more, "(0.81s)": a reply never
 * reads so (redis-cli quotes strings and labels every other reply), so it can only be the time.
 */
const TIME_LINE = /^\(\d+\.\d\ds\)\n/gm;

/**
 * Whether what a lesson block printed is what the lesson shows: the same text, but for trailing
 * white space and the lines that say how long a command took on a busy machine.
 */
export function sameBlockOutput(printed: string, shown: string): boolean {
  return printed.replace(TIME_LINE, '').trimEnd() === shown.trimEnd();
}
