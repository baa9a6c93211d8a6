import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

let document: unknown;

/** The API's OpenAPI 3.1 document (openapi.yaml), served at /api/openapi.json. */
export function openApiDocument(): unknown {
  document ??= parse(readFileSync(new URL('openapi.yaml', import.meta.url), 'utf8'));
  return document;
}
