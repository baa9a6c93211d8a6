// The instructor token, kept in sessionStorage: a reload keeps it, closing the tab forgets it.
// A browser may refuse storage; the page then asks again after a reload.

const KEY = 'keyspace.instructor-token';

export function readToken(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function keepToken(token: string): void {
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // Kept for this page only.
  }
}

export function forgetToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing kept, nothing to forget.
  }
}
