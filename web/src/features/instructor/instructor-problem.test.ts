import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client.ts';
import { instructorProblem } from './instructor-problem.ts';

describe("the instructor page's messages", () => {
  it('asks for the token again after a wrong token, or when the view is off', () => {
    expect(instructorProblem(new ApiError(401, 'no'))).toEqual({
      message: expect.stringMatching(/^That is not the instructor token/),
      askAgain: true,
    });
    expect(instructorProblem(new ApiError(404, 'no'))).toEqual({
      message: expect.stringMatching(/set KEYSPACE_INSTRUCTOR_TOKEN and restart/),
      askAgain: true,
    });
  });

  it("keeps the token when the server is away or busy, with the server's words otherwise", () => {
    expect(instructorProblem(new ApiError(503, 'this may not have been saved'))).toEqual({
      message: expect.stringMatching(/cannot reach its Redis.*Try again/),
      askAgain: false,
    });
    expect(instructorProblem(new ApiError(429, 'too many requests. Try again in 5 s'))).toEqual({
      message: 'too many requests. Try again in 5 s',
      askAgain: false,
    });
  });
});
