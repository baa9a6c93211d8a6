import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ConsoleSessions } from '../console/console-sessions.ts';
import { Grader } from '../grader.ts';

const solution = (id: string) =>
  readFileSync(new URL(`../../exercises/${id}/solution.ts`, import.meta.url), 'utf8');

describe("Run: the learner's code once, in their own sandbox", () => {
  let grader: Grader;
  const consoles = new ConsoleSessions();
  const consoleId = { learner: 'a-learner', address: '192.0.2.1' };
  beforeAll(async () => {
    grader = await Grader.start();
  });
  afterAll(() => Promise.all([grader.stop(), consoles.stop()]));

  it("makes the exercise's calls, and leaves what they stored for the key browser", async () => {
    const result = await consoles.useSandbox(consoleId, ({ address }) =>
      grader.runOnce('store-image', solution('store-image'), address),
    );
    expect(result).toMatchObject({
      status: 'ok',
      calls: [{ call: 'storeImage' }, { call: 'loadImage' }],
    });
    expect(result.calls[1]?.returned).toMatch(/^<Buffer 89 50 4e 47/);

    const { keys } = await consoles.keyPage(consoleId);
    const image = keys.find(({ key }) => key === 'image:7');
    const png = readFileSync(
      new URL('../../exercises/store-image/fixtures/red-square.png', import.meta.url),
    );
    expect(image?.value).toEqual({ kind: 'image', mediaType: 'image/png', length: png.length });
    const chunks: Buffer[] = [];
    let started: unknown[] = [];
    await consoles.streamKey(consoleId, 'image:7', {
      start: (...head) => {
        started = head;
      },
      write: async (chunk) => {
        chunks.push(chunk);
      },
    });
    expect(started).toEqual(['image/png', png.length]);
    expect(Buffer.concat(chunks)).toEqual(png);
    expect(keys.find(({ key }) => key === 'image:7:meta')).toMatchObject({
      type: 'hash',
      ttl: null,
      value: { kind: 'hash', fields: expect.arrayContaining([['contentType', 'image/png']]) },
    });
  });

  it("hides the connection's id from HELLO, which would count the connections opened between two", async () => {
    const result = await consoles.useSandbox(consoleId, ({ address }) =>
      grader.runOnce(
        'set-and-get',
        'export async function main(r) { return JSON.stringify(await r.hello()); }',
        address,
      ),
    );
    expect(result.calls[0]?.returned).toMatch(/proto/);
    expect(result.calls[0]?.returned).not.toMatch(/\bid\b/);
  });

  it('keeps what the console wrote, and shows what Run printed and threw', async () => {
    await consoles.run(consoleId, 'SET weather sunny');
    const result = await consoles.useSandbox(consoleId, ({ address }) =>
      grader.runOnce(
        'set-and-get',
        "export async function main(r) { console.log('hi', await r.get('weather')); throw new Error('boom'); }",
        address,
      ),
    );
    expect(result.status).toBe('error');
    expect(result.output).toBe('hi sunny\n');
    expect(result.calls[0]?.error).toMatch(/^main\(\) threw: boom \(set-and-get\.ts:1:/);
  });

  it("stores setup:'s data before the calls, and shows each call with its arguments", async () => {
    await consoles.run(consoleId, "SET cache:forecast:lisbon 'left by an earlier Run'");
    const result = await consoles.useSandbox(consoleId, ({ address }) =>
      grader.runOnce('cache-aside', solution('cache-aside'), address),
    );
    expect(result).toMatchObject({
      status: 'ok',
      calls: [
        { call: 'getForecast', args: ['$redis', 'lisbon'], returned: "'sunny, high of 24'" },
        { call: 'getForecast', args: ['$redis', 'lisbon'], returned: "'sunny, high of 24'" },
      ],
    });
  });

  it("calls the exports with the learner's own arguments when given", async () => {
    const result = await consoles.useSandbox(consoleId, ({ address }) =>
      grader.runOnce('cache-aside', solution('cache-aside'), address, {
        args: [
          ['$redis', 'oslo'],
          ['$redis', 'nowhere'],
        ],
      }),
    );
    expect(result.calls).toMatchObject([
      { args: ['$redis', 'oslo'], returned: "'light rain, high of 7'" },
      { args: ['$redis', 'nowhere'], returned: 'null' },
    ]);
  });

  it('stops before any call when Redis refuses setup:, saying what to do', async () => {
    await consoles.run(consoleId, 'DEL db:forecasts\nSET db:forecasts not-a-hash');
    const result = await consoles.useSandbox(consoleId, ({ address }) =>
      grader.runOnce('cache-aside', solution('cache-aside'), address),
    );
    expect(result).toMatchObject({ status: 'error', calls: [] });
    expect(result.message).toMatch(
      /refused: HSET db:forecasts lisbon "sunny, high of 24" .* answered WRONGTYPE .* delete that key in the console/,
    );
    await consoles.run(consoleId, 'DEL db:forecasts');
  });

  it('says what to do when a key left in the sandbox holds another type', async () => {
    // As after a Run of code that kept the index as a list: the fixed code's SMEMBERS fails.
    const keys = 'user:1 user:2 city:london:users city:paris:users';
    onTestFinished(() => consoles.run(consoleId, `DEL ${keys}`).then(() => {}));
    await consoles.run(consoleId, `DEL ${keys}\nRPUSH city:london:users 1`);
    const result = await consoles.useSandbox(consoleId, ({ address }) =>
      grader.runOnce('index-by-city', solution('index-by-city'), address),
    );
    expect(result.status).toBe('error');
    expect(result.calls.at(-1)).toMatchObject({
      call: 'usersIn',
      error: expect.stringMatching(
        /WRONGTYPE.*perhaps left in your Redis by an earlier Run or the console.*DEL <key>/s,
      ),
    });
  });

  it("says on which line of the learner's file a call threw", async () => {
    const result = await consoles.useSandbox(consoleId, ({ address }) =>
      grader.runOnce(
        'set-and-get',
        'export async function main() {\n  throw new Error("boom");\n}\n',
        address,
      ),
    );
    expect(result.calls[0]).toMatchObject({
      error: expect.stringMatching(/boom/),
      location: { file: 'set-and-get.ts', line: 2 },
    });
  });

  it('reports code that does not compile, calling nothing', async () => {
    const result = await consoles.useSandbox(consoleId, ({ address }) =>
      grader.runOnce('set-and-get', 'export const = ;', address),
    );
    expect(result).toMatchObject({ status: 'error', calls: [] });
    expect(result.message).toMatch(/^set-and-get\.ts:1/);
    expect(result.location).toMatchObject({ file: 'set-and-get.ts', line: 1 });
  });
});
