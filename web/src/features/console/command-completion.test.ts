import { describe, expect, it } from 'vitest';
import type { CommandDoc } from '../../../../contracts/index.ts';
import { commandOf, completions, MAX_COMPLETIONS } from './command-completion.ts';

const doc = (name: string): CommandDoc => ({ name, summary: '', syntax: name });
const DOCS = ['GET', 'GETDEL', 'GETEX', 'OBJECT', 'OBJECT ENCODING', 'OBJECT FREQ', 'SET'].map(doc);
const names = (found: CommandDoc[]) => found.map(({ name }) => name);

describe("the console's completion", () => {
  it('offers the commands a first word may become, whatever its case', () => {
    expect(names(completions('ge', DOCS))).toEqual(['GET', 'GETDEL', 'GETEX']);
    expect(names(completions('GET', DOCS))).toEqual(['GET', 'GETDEL', 'GETEX']);
    expect(names(completions('o', DOCS))).toEqual(['OBJECT']);
  });

  it("offers a container's subcommands once its name is typed", () => {
    expect(names(completions('OBJECT ', DOCS))).toEqual(['OBJECT ENCODING', 'OBJECT FREQ']);
    expect(names(completions('object en', DOCS))).toEqual(['OBJECT ENCODING']);
  });

  it('offers nothing once the command is whole, its arguments begun, or nothing is typed', () => {
    expect(completions('SET', DOCS)).toEqual([]);
    expect(completions('GET k', DOCS)).toEqual([]);
    expect(completions('OBJECT ENCODING', DOCS)).toEqual([]);
    expect(completions('OBJECT ENCODING k', DOCS)).toEqual([]);
    expect(completions('', DOCS)).toEqual([]);
    expect(completions('nothing', DOCS)).toEqual([]);
  });

  it(`offers at most ${MAX_COMPLETIONS}`, () => {
    const many = Array.from({ length: 20 }, (_, i) => doc(`S${i}`));
    expect(completions('S', many)).toHaveLength(MAX_COMPLETIONS);
  });
});

describe('the command a line runs', () => {
  it("is a container's subcommand when one is named, or the first word's command", () => {
    expect(commandOf('object encoding k', DOCS)?.name).toBe('OBJECT ENCODING');
    expect(commandOf('OBJECT nope', DOCS)?.name).toBe('OBJECT');
    expect(commandOf('  get k', DOCS)?.name).toBe('GET');
    expect(commandOf('gte k', DOCS)).toBeUndefined();
    expect(commandOf('', DOCS)).toBeUndefined();
  });
});
