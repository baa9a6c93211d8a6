import { UsageError } from './exit-codes.ts';

/**
 * A whole number from an option or an environment variable, within bounds; anything else is a
 * usage error that names the setting and what it takes.
 */
export function integerSetting(label: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || value < min || value > max) {
    throw new UsageError(`${label} must be a whole number from ${min} to ${max}, not '${text}'`);
  }
  return value;
}
