import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContentError,
  ERROR_CATALOGUE,
  type ErrorCode,
  GraderError,
  SandboxesFullError,
  UnknownExerciseError,
} from '../grader/index.ts';
import { QueueFullError, QueueShareError, QueueUnavailableError } from '../queue/index.ts';
import { errorMiddleware } from './error-middleware.ts';
import { HttpError } from './http-errors.ts';
import { StateUnavailableError } from './state/state-unavailable.ts';

const CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** What the next request to /thrown throws. */
let next: unknown;

describe('the error middleware, on a real app over HTTP', () => {
  let server: Server;
  let url: string;
  const answer = async (error: unknown) => {
    next = error;
    const response = await fetch(`${url}/thrown`);
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: await response.json(),
    };
  };

  beforeAll(async () => {
    const app = express();
    app.use(express.json());
    app.get('/thrown', () => {
      throw next;
    });
    app.post('/json', (_req, res) => {
      res.json({});
    });
    app.use(errorMiddleware);
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("answers each code of the catalogue with its entry's status, and Retry-After where it carries one", async () => {
    for (const code of CODES) {
      const entry = ERROR_CATALOGUE[code];
      const named = await answer(new HttpError(code, `a ${code} error`, 7));
      expect(named, code).toEqual({
        status: entry.status,
        retryAfter: entry.retryAfter === undefined ? null : '7',
        body: {
          error: code,
          message: code === 'internal' ? 'something went wrong on the server' : `a ${code} error`,
        },
      });
      const unnamed = await answer(new HttpError(code, `a ${code} error`));
      const seconds = typeof entry.retryAfter === 'number' ? String(entry.retryAfter) : null;
      expect(unnamed.retryAfter, code).toBe(seconds);
    }
  });

  it('answers the errors of the grader, the queue and the state as clients know them', async () => {
    const answers = [];
    for (const error of [
      new StateUnavailableError(new Error('connection lost')),
      new QueueUnavailableError(new Error('connection lost')),
      new QueueFullError(100),
      new QueueShareError('learner', 3),
      new SandboxesFullError(4),
      new UnknownExerciseError('no-such'),
      new GraderError('the worker failed: /tmp/keyspace-x/checks.ts'),
      new Error('a bug at /work/main/server/app.ts'),
    ]) {
      const { status, retryAfter, body } = await answer(error);
      answers.push([status, body.error, retryAfter]);
    }
    expect(answers).toEqual([
      [503, 'state_unavailable', '5'],
      [503, 'state_unavailable', '5'],
      [503, 'queue_full', '5'],
      [429, 'too_many_waiting', '5'],
      [503, 'sandboxes_full', '60'],
      [404, 'not_found', null],
      [500, 'internal', null],
      [500, 'internal', null],
    ]);
  });

  it('places broken content at its file and line, apart from the message', async () => {
    const broken = new ContentError('cannot be loaded: Unexpected ";" (column 16)', {
      file: 'exercises/count-visits/checks.ts',
      line: 41,
    });
    expect(await answer(broken)).toEqual({
      status: 500,
      retryAfter: null,
      body: {
        error: 'broken_content',
        message:
          'this part of the course is broken: exercises/count-visits/checks.ts:41: cannot be loaded: Unexpected ";" (column 16)',
        problem: {
          file: 'exercises/count-visits/checks.ts',
          line: 41,
          message: 'cannot be loaded: Unexpected ";" (column 16)',
        },
      },
    });
  });

  it("answers Express's own errors in words of ours: bad JSON, an unknown path", async () => {
    const badJson = await fetch(`${url}/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"source": ',
    });
    expect([badJson.status, (await badJson.json()).error]).toEqual([400, 'bad_json']);
    const nowhere = await answer(
      Object.assign(new Error('ENOENT /work/main/web'), { status: 404 }),
    );
    expect(nowhere).toEqual({
      status: 404,
      retryAfter: null,
      body: { error: 'not_found', message: 'there is nothing here' },
    });
  });
});
