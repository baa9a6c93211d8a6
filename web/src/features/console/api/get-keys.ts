import { api } from '../../../lib/api-client.ts';

/** A key of the learner's sandbox (grader/console/key-view.ts): learner data, shown as text. */
export interface KeyView {
  key: string;
  type: string;
  ttl: number | null;
  value:
    | { kind: 'text'; text: string; length: number }
    | { kind: 'bytes'; hex: string; length: number }
    | { kind: 'image'; mediaType: string; base64: string; length: number }
    | { kind: 'hash'; fields: [string, string][]; length: number }
    | { kind: 'list' | 'set'; items: string[]; length: number }
    | { kind: 'zset'; members: [string, string][]; length: number }
    | { kind: 'other'; type: string };
}

export const getKeys = () => api<{ keys: KeyView[] }>('/console/keys');
