import type { KeyPage, KeyView } from '../../../../../contracts/index.ts';
import { api } from '../../../lib/api-client.ts';

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
