import type { ErrorRequestHandler } from 'express';
import {
  ConsolesFullError,
  ContentError,
  UnknownConsoleError,
  UnknownExerciseError,
} from '../grader/index.ts';
import { HttpError } from './http-errors.ts';

interface Answer {
  status: number;
  error: string;
  message: string;
}

/** Maps every error to `{ error, message }` JSON with its status; never a stack trace. */
export const errorMiddleware: ErrorRequestHandler = (error, _req, res, _next) => {
  const answer = describe(error);
  if (answer.status === 503) res.setHeader('Retry-After', '60');
  else if (answer.status >= 500) console.error(error);
  res.status(answer.status).json({ error: answer.error, message: answer.message });
};

function describe(error: unknown): Answer {
  if (error instanceof HttpError) {
    return { status: error.status, error: error.code, message: error.message };
  }
  if (error instanceof UnknownConsoleError) {
    return { status: 404, error: 'console_ended', message: error.message };
  }
  if (error instanceof ConsolesFullError) {
    return { status: 503, error: 'consoles_full', message: error.message };
  }
  if (error instanceof UnknownExerciseError) {
    return { status: 404, error: 'not_found', message: error.message };
  }
  if (error instanceof ContentError) {
    return {
      status: 500,
      error: 'broken_content',
      message: `this part of the course is broken: ${error.message}`,
    };
  }
  // body-parser's errors carry a status and a type; their messages are safe to show.
  const { status, type } = error as { status?: number; type?: string };
  if (type === 'entity.too.large') {
    return { status: 413, error: 'too_large', message: 'the request body is too large' };
  }
  if (type === 'entity.parse.failed') {
    return { status: 400, error: 'bad_json', message: 'the request body is not valid JSON' };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, error: 'bad_request', message: (error as Error).message };
  }
  return { status: 500, error: 'internal', message: 'something went wrong on the server' };
}
