import { api } from '../../../lib/api-client.ts';

/** A key of the learner's sandbox (grader/console/key-view.ts): learner data, shown as text. */
export interface KeyView {
  key: string;
  type: string;
  ttl: number | null;
  value:
    | { kind: 'text'; text: string; length: number }
    | { kind: 'bytes'; hex: string; length: number }
    | { kind: 'image'; mediaType: string; length: number }
    | { kind: 'hash'; fields: [string, string][]; length: number }
    | { kind: 'list' | 'set'; items: string[]; length: number }
    | { kind: 'zset'; members: [string, string][]; length: number }
    | { kind: 'other'; type: string };
  /** Whether the value was shortened: `getKey` shows more of it. */
  cut: boolean;
}

/** A page of keys, each with a short preview; `next` asks for the page after (null: none). */
export interface KeyPage {
  keys: KeyView[];
  next: string | null;
}

/** The longest key name the server looks up by name. */
export const MAX_KEY_CHARS = 1024;

/** A page of keys: the first, or the one after `cursor`; with `match`, those that glob finds. */
export function getKeys(cursor?: string, match?: string) {
  const query = new URLSearchParams();
  if (cursor) query.set('cursor', cursor);
  if (match) query.set('match', match);
  const search = query.size > 0 ? `?${query}` : '';
  return api<KeyPage>(`/console/keys${search}`);
}

export const getKey = (key: string) =>
  api<KeyView>(`/console/keys/value?key=${encodeURIComponent(key)}`);

/** Where a string value's bytes are: an image's `src`, new for each `version` of the keys read. */
export const keyBytesUrl = (key: string, version: number) =>
  `/api/console/keys/bytes?key=${encodeURIComponent(key)}&version=${version}`;
