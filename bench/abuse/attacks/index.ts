import type { Attack } from '../attacker.ts';
import { bigTransfers } from './big-transfers.ts';
import { consoleSandboxes } from './console-sandboxes.ts';
import { keyBrowser } from './key-browser.ts';
import { luaDebugger } from './lua-debugger.ts';
import { stuckGradings } from './stuck-gradings.ts';

/**
 * Every attack by name, in the order they run by default. Each comes from addresses of its own:
 * an address keeps its sandboxes after its attack stops, so a later attack from the same one
 * would be refused for the earlier one's leftovers, and measure those.
 */
export const ATTACKS = {
  'console-sandboxes': consoleSandboxes,
  'key-browser': keyBrowser,
  'big-transfers': bigTransfers,
  'stuck-gradings': stuckGradings,
  'lua-debugger': luaDebugger,
} satisfies Record<string, (url: string) => Attack>;

export type AttackName = keyof typeof ATTACKS;
export const ATTACK_NAMES = Object.keys(ATTACKS) as AttackName[];
