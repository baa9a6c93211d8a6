/** What ioredis's defineCommand() takes. */
export interface CommandDefinition {
  lua: string;
  numberOfKeys?: number | null;
  readOnly?: boolean;
}

/** The custom commands a client defined, by name. */
export type CustomCommands = Map<string, { lua: string; numberOfKeys: number | null }>;

export function addCustomCommand(
  commands: CustomCommands,
  name: string,
  { lua, numberOfKeys }: CommandDefinition,
): void {
  commands.set(String(name), {
    lua: String(lua),
    // As ioredis: without a number, the caller passes the number of keys first.
    numberOfKeys: typeof numberOfKeys === 'number' ? numberOfKeys : null,
  });
}

/**
 * The EVAL that a custom command's method (`name` or `nameBuffer`) stands for, or undefined if
 * the method is not one. ioredis sends EVALSHA, or EVAL where Redis may not know the script yet;
 * both answer alike, and EVAL needs no SHA-1 here.
 */
export function customCommandCall(
  commands: CustomCommands,
  method: string,
  args: unknown[],
): { method: 'eval' | 'evalBuffer'; args: unknown[] } | undefined {
  const buffer = !commands.has(method) && method.endsWith('Buffer');
  const command = commands.get(buffer ? method.slice(0, -'Buffer'.length) : method);
  if (!command) return undefined;
  const keys = command.numberOfKeys === null ? [] : [command.numberOfKeys];
  return { method: buffer ? 'evalBuffer' : 'eval', args: [command.lua, ...keys, ...args] };
}
