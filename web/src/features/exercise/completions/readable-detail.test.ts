import { describe, expect, it } from 'vitest';
import { readableDetail } from './readable-detail.ts';

describe('readableDetail', () => {
  it("drops a generic owner's type arguments and name, as TypeScript gives them for ioredis", () => {
    expect(
      readableDetail(
        '(method) RedisCommander<{ type: "default"; mapping: "resp2"; }>.hgetall(key: RedisKey, callback?: Callback<Record<string, string>>): Promise<Record<string, string>>',
      ),
    ).toBe(
      '(method) hgetall(key: RedisKey, callback?: Callback<Record<string, string>>): Promise<Record<string, string>>',
    );
  });

  it("leaves out an overloaded method's first overload, which is no more the method than the others", () => {
    expect(
      readableDetail(
        '(method) RedisCommander<{ type: "default"; mapping: "resp2"; }>.set(key: RedisKey, value: string | Buffer | number, secondsToken: "EX", seconds: number | string, nx: "NX", get: "GET", callback?: Callback<string | null>): Promise<...> (+83 overloads)',
      ),
    ).toBe('(method) set(…) (+83 overloads)');
    expect(readableDetail('function f(a: string): void (+1 overload)')).toBe(
      'function f(a: string): void (+1 overload)',
    );
  });

  it('keeps owners without type arguments, and details that are no member', () => {
    expect(readableDetail('(method) Math.max(...values: number[]): number')).toBe(
      '(method) Math.max(...values: number[]): number',
    );
    expect(readableDetail('(parameter) redis: Redis')).toBe('(parameter) redis: Redis');
    expect(readableDetail('function main(redis: Redis): Promise<string>')).toBe(
      'function main(redis: Redis): Promise<string>',
    );
  });

  it('keeps a generic type named at the start that owns nothing', () => {
    expect(readableDetail('(alias) type Result<T, Context> = …')).toBe(
      '(alias) type Result<T, Context> = …',
    );
    expect(readableDetail('(property) Box<T>')).toBe('(property) Box<T>');
  });
});
