import { useSyncExternalStore } from 'react';
import { forgetStored, readStored, store } from '../lib/browser-storage.ts';

export type Theme = 'light' | 'dark';
/** What the toggle offers: a theme, or the system's, followed as it changes. */
export type ThemeChoice = Theme | 'system';

const STORAGE_KEY = 'keyspace.theme';
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

/** The theme the learner chose with the toggle, if any; otherwise the system's is followed. */
function chosen(): Theme | undefined {
  const stored = readStored(STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : undefined;
}

function current(): Theme {
  return chosen() ?? (systemDark.matches ? 'dark' : 'light');
}

function apply(): void {
  document.documentElement.dataset.theme = current();
  for (const listener of listeners) listener();
}

/** Sets the page's theme now, before the first render, and follows the system's from then on. */
export function startTheme(): void {
  apply();
  systemDark.addEventListener('change', apply);
  // Another tab's toggle.
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY) apply();
  });
}

export function chooseTheme(choice: ThemeChoice): void {
  if (choice === 'system') forgetStored(STORAGE_KEY);
  else store(STORAGE_KEY, choice);
  apply();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, current);
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, () => chosen() ?? 'system');
}
