import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { GradeResult } from '../result/grade-result.ts';

const schema = JSON.parse(
  readFileSync(new URL('../result/grade-result.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** Throws unless `value` is a GradeResult as the JSON Schema documents it. */
export function assertValidResult(value: unknown): asserts value is GradeResult {
  if (!validate(value)) {
    throw new Error(
      `result does not match grade-result.schema.json: ${JSON.stringify(validate.errors)}`,
    );
  }
}
