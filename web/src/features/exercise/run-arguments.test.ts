import { describe, expect, it } from 'vitest';
import { describeCall, editableText, parseArguments } from './run-arguments.ts';

describe("a Run call's arguments, as the learner reads and edits them", () => {
  it('shows a call with its arguments, the client as redis', () => {
    expect(describeCall('getForecast', ['$redis', 'lisbon'])).toBe('getForecast(redis, "lisbon")');
    expect(describeCall('save', ['$redis', '42', { theme: 'dark' }, 3])).toBe(
      'save(redis, "42", {"theme":"dark"}, 3)',
    );
    expect(describeCall('main', ['$redis'])).toBe('main(redis)');
  });

  it('offers every argument but the client for editing, as JSON', () => {
    expect(editableText(['$redis', 'lisbon', 3])).toBe('"lisbon", 3');
    expect(editableText(['$redis'])).toBe('');
  });

  it('reads the edited text back, the client where the exercise has it', () => {
    const template = ['$redis', 'lisbon'];
    expect(parseArguments('"oslo"', template)).toEqual({ args: ['$redis', 'oslo'] });
    expect(parseArguments('"oslo", 3, {"a": [1]}', template)).toEqual({
      args: ['$redis', 'oslo', 3, { a: [1] }],
    });
    expect(parseArguments('', template)).toEqual({ args: ['$redis'] });
    expect(parseArguments(' "x" ', ['greeting', 'hello'])).toEqual({ args: ['x'] });
  });

  it('says what is wrong with text that is not JSON, or that names the client', () => {
    expect(parseArguments('lisbon', ['$redis', 'x'])).toEqual({
      error: expect.stringMatching(/^these are not JSON values separated by commas: quote text/),
    });
    expect(parseArguments('"a",', ['$redis'])).toHaveProperty('error');
    expect(parseArguments('"$redis", "a"', ['$redis'])).toEqual({
      error: expect.stringMatching(/is the client, which Run passes where it belongs/),
    });
  });
});
