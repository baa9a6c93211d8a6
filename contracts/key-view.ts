// The key browser of the learner's console (/api/console/keys): what their code left in their own
// Redis. Keys and values are learner data, to be shown as text (or as the image a value is).

/** A value, cut to what a view shows of it. */
export type ValueView =
  | { kind: 'text'; text: string; length: number }
  | { kind: 'bytes'; hex: string; length: number }
  /** The image's bytes are fetched on their own (/api/console/keys/bytes), never inlined. */
  | { kind: 'image'; mediaType: string; length: number }
  | { kind: 'hash'; fields: [string, string][]; length: number }
  | { kind: 'list' | 'set'; items: string[]; length: number }
  | { kind: 'zset'; members: [string, string][]; length: number }
  | { kind: 'other'; type: string };

export interface KeyView {
  key: string;
  /** Redis's name for its type: `string`, `hash`, `stream`, … */
  type: string;
  /** Seconds left, or null for a key that does not expire. */
  ttl: number | null;
  value: ValueView;
  /** Whether the value was cut: the key's own view (/api/console/keys/value) shows more of it. */
  cut: boolean;
}

/** One page of the key list, each key with a short preview, and the cursor of the next (null after the last). */
export interface KeyPage {
  keys: KeyView[];
  next: string | null;
}
