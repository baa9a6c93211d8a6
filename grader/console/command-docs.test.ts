import { describe, expect, it } from 'vitest';
import { type CommandDoc, readSandboxCommandDocs } from './command-docs.ts';

describe("the console's command docs, read from a sandbox's own Redis", () => {
  let docs: Map<string, CommandDoc>;
  const syntaxOf = (name: string) => docs.get(name)?.syntax;

  it('lists the commands a learner may run, sorted, with their summaries', async () => {
    const read = await readSandboxCommandDocs();
    docs = new Map(read.map((doc) => [doc.name, doc]));
    const names = read.map(({ name }) => name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['GET', 'SET', 'ZADD', 'FLUSHALL', 'EVAL']));
    expect(docs.get('GET')?.summary).toBe('Get the value of a key');
  }, 30_000);

  it('leaves out what the learner ACL user is refused', () => {
    for (const refused of [
      'CONFIG',
      'CONFIG GET',
      'CLIENT LIST',
      'SHUTDOWN',
      'SCRIPT DEBUG',
      'ACL',
    ]) {
      expect(docs.has(refused), refused).toBe(false);
    }
    expect(docs.has('SCRIPT LOAD')).toBe(true);
  });

  it("writes each command's arguments as Redis's documentation does", () => {
    expect(syntaxOf('SET')).toBe(
      'SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]',
    );
    expect(syntaxOf('ZADD')).toBe(
      'ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]',
    );
    expect(syntaxOf('LMOVE')).toBe('LMOVE source destination <LEFT | RIGHT> <LEFT | RIGHT>');
    expect(syntaxOf('XREAD')).toBe(
      'XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]',
    );
    expect(syntaxOf('SORT')).toBe(
      'SORT key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC | DESC] [ALPHA] [STORE destination]',
    );
    expect(syntaxOf('OBJECT ENCODING')).toBe('OBJECT ENCODING key');
  });

  it('lists the subcommands of a container, and says what replaces a deprecated command', () => {
    expect(syntaxOf('OBJECT')).toBe('OBJECT <ENCODING | FREQ | HELP | IDLETIME | REFCOUNT>');
    expect(docs.get('GETSET')?.replacedBy).toBe('SET with the GET argument');
    expect(docs.get('GET')).not.toHaveProperty('replacedBy');
  });
});
