import { describe, expect, it } from 'vitest';
import type { RaceStep } from './race-scheduler.ts';
import { interleavingTable, isSerial } from './race-table.ts';

const get: RaceStep = {
  racer: 0,
  commands: [{ name: 'get', args: ['points:ada'] }],
  reply: { value: '50' },
};

describe('the interleaving table', () => {
  it('shows each step, its call, its command and what Redis answered, then how calls ended', () => {
    const steps: RaceStep[] = [
      get,
      { ...get, racer: 1 },
      {
        racer: 0,
        commands: [
          { name: 'multi', args: [], batch: 1 },
          { name: 'decrby', args: ['points:ada', '30'], batch: 1 },
          { name: 'exec', args: [], batch: 1 },
        ],
        reply: { value: [[null, 20]] },
      },
      {
        racer: 1,
        commands: [{ name: 'blpop', args: ['jobs', '0'] }],
        reply: { value: ['jobs', 'mail'] },
        answeredAfter: 4,
      },
      { racer: 0, timerMs: 10 },
      {
        racer: 1,
        commands: [{ name: 'set', args: ['a', '1'], batch: 2 }],
        reply: { error: 'OOM' },
      },
    ];
    expect(
      interleavingTable(
        steps,
        ['transfer(a→b)', 'transfer(a→c)'],
        [{ returned: true }, { threw: 'boom' }],
      ),
    ).toBe(
      [
        'step  call              command                            Redis answered',
        '   1  #1 transfer(a→b)  GET points:ada                     "50"',
        '   2  #2 transfer(a→c)  GET points:ada                     "50"',
        '   3  #1 transfer(a→b)  MULTI; DECRBY points:ada 30; EXEC  [20]',
        '   4  #2 transfer(a→c)  BLPOP jobs 0                       blocked until step 4: ["jobs", "mail"]',
        '   5  #1 transfer(a→b)  (a timer of 10 ms fires)',
        '   6  #2 transfer(a→c)  pipeline: SET a 1                  (error) OOM',
        '#1 transfer(a→b) returned true',
        '#2 transfer(a→c) threw: boom',
      ].join('\n'),
    );
  });

  it('shows a command still blocked, and a call that never finished', () => {
    const table = interleavingTable(
      [{ racer: 0, commands: [{ name: 'blpop', args: ['jobs', '0'] }] }],
      ['wait()'],
      [undefined],
    );
    expect(table).toContain('BLPOP jobs 0  (still blocked)');
    expect(table).toContain('#1 wait() did not finish');
  });

  it('cuts long arguments, long replies and long interleavings short', () => {
    const long = 'x'.repeat(100);
    const steps: RaceStep[] = Array.from({ length: 45 }, () => ({
      racer: 0,
      commands: [{ name: 'set', args: [long, long, '1', '2', '3'] }],
      reply: { value: long },
    }));
    const lines = interleavingTable(steps, ['f()'], [{ returned: 1 }]).split('\n');
    expect(lines[1]).toBe(
      `   1  #1 f()  SET ${'x'.repeat(23)}… ${'x'.repeat(23)}… 1 2 …  "${'x'.repeat(38)}…`,
    );
    expect(lines).toHaveLength(1 + 40 + 2);
    expect(lines.at(-2)).toBe('… 5 more steps');
  });

  it('calls an interleaving serial only when no racer stepped while another was under way', () => {
    const other = { ...get, racer: 1 };
    expect(isSerial([get, get, other, other])).toBe(true);
    expect(isSerial([get, other, get])).toBe(false);
    // Blocked in Redis while the other ran: not one after another, though the rows are.
    expect(isSerial([{ ...get, answeredAfter: 2 }, other])).toBe(false);
    expect(isSerial([{ racer: 0, commands: get.commands }, other])).toBe(false);
  });
});
