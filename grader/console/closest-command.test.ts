import { describe, expect, it } from 'vitest';
import { closestCommands, unknownCommands } from './closest-command.ts';

const NAMES = ['GET', 'GETEX', 'HGET', 'HSET', 'LPUSH', 'RPUSH', 'SET', 'SETEX', 'ZADD'];

describe('the command a typo was meant to be', () => {
  it('finds a command with two letters swapped, one missing, added or changed', () => {
    expect(closestCommands('gte', NAMES)).toEqual(['GET']);
    expect(closestCommands('LPUHS', NAMES)).toEqual(['LPUSH']);
    expect(closestCommands('zad', NAMES)).toEqual(['ZADD']);
    expect(closestCommands('HSETT', NAMES)).toEqual(['HSET']);
    expect(closestCommands('ZAPD', NAMES)).toEqual(['ZADD']);
  });

  it('names every command equally close', () => {
    expect(closestCommands('XET', NAMES)).toEqual(['GET', 'SET']);
  });

  it('suggests nothing for a word far from every command, or for a command itself', () => {
    expect(closestCommands('HELLOWORLD', NAMES)).toEqual([]);
    expect(closestCommands('XYZ', NAMES)).toEqual([]);
    expect(closestCommands('set', NAMES)).toEqual([]);
    expect(closestCommands('', NAMES)).toEqual([]);
  });

  it("reads the unknown commands from redis-cli's errors, once each", () => {
    const output = [
      "(error) ERR unknown command 'gte', with args beginning with: 'weather' ",
      'OK',
      "(error) ERR unknown command 'GTE', with args beginning with: ",
      "(error) ERR unknown command 'it's', with args beginning with: ",
    ].join('\n');
    expect(unknownCommands(output)).toEqual(['GTE', "IT'S"]);
    expect(unknownCommands("(error) ERR wrong number of arguments for 'get' command")).toEqual([]);
  });
});
