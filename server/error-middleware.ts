import type { ErrorRequestHandler } from 'express';
import { ContentError, SandboxesFullError, UnknownExerciseError } from '../grader/index.ts';
import { QueueFullError, QueueShareError, QueueUnavailableError } from '../queue/index.ts';
import { HttpError } from './http-errors.ts';
import { StateUnavailableError } from './state/state-unavailable.ts';

interface Answer {
  status: number;
  error: string;
  message: string;
  /** Seconds, for a 503: when trying again has a chance. */
  retryAfter?: number;
  /** For broken content: the file, line and fault apart, for the page to show as the preview does. */
  problem?: { file: string; line?: number; message: string };
}

/** Maps every error to `{ error, message }` JSON with its status; never a stack trace. */
export const errorMiddleware: ErrorRequestHandler = (error, _req, res, _next) => {
  const answer = describe(error);
  if (answer.retryAfter) res.setHeader('Retry-After', String(answer.retryAfter));
  // The request log writes it with the request's line (pino-http reads res.err).
  if (answer.status >= 500) res.err = error;
  res.status(answer.status).json({
    error: answer.error,
    message: answer.message,
    ...(answer.problem && { problem: answer.problem }),
  });
};

function describe(error: unknown): Answer {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      error: error.code,
      message: error.message,
      ...(error.retryAfter && { retryAfter: error.retryAfter }),
    };
  }
  if (error instanceof StateUnavailableError || error instanceof QueueUnavailableError) {
    return { status: 503, error: 'state_unavailable', message: error.message, retryAfter: 5 };
  }
  if (error instanceof QueueShareError) {
    return { status: 429, error: 'too_many_waiting', message: error.message, retryAfter: 5 };
  }
  if (error instanceof QueueFullError) {
    return { status: 503, error: 'queue_full', message: error.message, retryAfter: 5 };
  }
  if (error instanceof SandboxesFullError) {
    return { status: 503, error: 'sandboxes_full', message: error.message, retryAfter: 60 };
  }
  if (error instanceof UnknownExerciseError) {
    return { status: 404, error: 'not_found', message: error.message };
  }
  if (error instanceof ContentError) {
    return {
      status: 500,
      error: 'broken_content',
      message: `this part of the course is broken: ${error.message}`,
      ...(error.location && {
        problem: {
          file: error.location.file,
          ...(error.location.line !== undefined && { line: error.location.line }),
          message: error.detail,
        },
      }),
    };
  }
  // body-parser's errors carry a status and a type; their messages are safe to show.
  const { status, type } = error as { status?: number; type?: string };
  if (type === 'entity.too.large') {
    return { status: 413, error: 'too_large', message: 'the request body is too large' };
  }
  if (type === 'entity.parse.failed') {
    return {
      status: 400,
      error: 'bad_json',
      message: 'the request body is not valid JSON, or not a JSON object',
    };
  }
  // Other 4xx errors from Express's own parts (a charset body-parser does not read, a file
  // express.static cannot find) carry messages with server paths: they get words of ours.
  if (status === 415) {
    return {
      status,
      error: 'unsupported_media_type',
      message: 'send JSON in UTF-8, without a Content-Encoding the server does not read',
    };
  }
  if (status === 404) return { status, error: 'not_found', message: 'there is nothing here' };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, error: 'bad_request', message: 'the request cannot be read' };
  }
  return { status: 500, error: 'internal', message: 'something went wrong on the server' };
}
