import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { GradeResult } from '../result/grade-result.ts';
import type { GradedFile } from '../result/graded-file.ts';

const schema = JSON.parse(
  readFileSync(new URL('../result/grade-result.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);
const validateFiles = ajv.compile({ $ref: `${schema.$id}#/$defs/gradedFiles` });

/** Throws unless `value` is a GradeResult as the JSON Schema documents it. */
export function assertValidResult(value: unknown): asserts value is GradeResult {
  if (!validate(value)) {
    throw new Error(
      `result does not match grade-result.schema.json: ${JSON.stringify(validate.errors)}`,
    );
  }
}

/** Throws unless `value` is what `--format json` prints for several files, as the schema says. */
export function assertValidGradedFiles(value: unknown): asserts value is GradedFile[] {
  if (!validateFiles(value)) {
    throw new Error(`not the schema's $defs/gradedFiles: ${JSON.stringify(validateFiles.errors)}`);
  }
}
