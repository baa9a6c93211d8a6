import { describe, expect, it } from 'vitest';
import { CompileError, transpile } from './transpile.ts';

describe('transpile', () => {
  it('strips types and keeps the ES module', () => {
    const { js, sourceMap } = transpile(
      "import Redis from 'ioredis';\nexport const f = (r: Redis): number => 1;\nnew Redis();",
      'set-and-get.ts',
    );
    expect(js).toContain('const f = (r) => 1');
    expect(js).toMatch(/export \{\s*f\s*\}/);
    expect(js).toContain('import Redis from "ioredis"');
    expect(JSON.parse(sourceMap).sources).toEqual(['set-and-get.ts']);
  });

  it('names the line and column of a syntax error in the learner file, not a host path', () => {
    let error: unknown;
    try {
      transpile('export async function main() {\n  return (1;\n}\n', 'alice/set-and-get.ts');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CompileError);
    expect((error as Error).message).toMatch(/^alice\/set-and-get\.ts:2:\d+: /);
    expect((error as Error).message).not.toContain(process.cwd());
  });
});
