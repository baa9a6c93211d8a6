import type { ErrorRequestHandler } from 'express';
import type { ContentProblem, ErrorBody } from '../contracts/index.ts';
import {
  type CataloguedError,
  ContentError,
  ERROR_CATALOGUE,
  type ErrorCode,
  isCatalogued,
  retryAfterOf,
} from '../grader/index.ts';

interface Answer {
  code: ErrorCode;
  message: string;
  /** Seconds, for a code whose entry carries Retry-After. */
  retryAfter?: number;
  problem?: ContentProblem;
}

/**
 * Answers every error with `{ error, message }` JSON and the status its code's catalogue entry
 * gives (grader/error-catalogue.ts); never a stack trace.
 */
export const errorMiddleware: ErrorRequestHandler = (error, _req, res, _next) => {
  const { code, message, retryAfter, problem } = isCatalogued(error) ? ours(error) : theirs(error);
  const { status } = ERROR_CATALOGUE[code];
  if (retryAfter) res.setHeader('Retry-After', String(retryAfter));
  // The request log writes it with the request's line (pino-http reads res.err).
  if (status >= 500) res.err = error;
  const body: ErrorBody = { error: code, message, ...(problem && { problem }) };
  res.status(status).json(body);
};

function ours(error: CataloguedError): Answer {
  const { code } = error;
  // A bug's message may name server paths or internals: it goes to the log only.
  if (code === 'internal') return { code, message: 'something went wrong on the server' };
  const retryAfter = retryAfterOf(error);
  if (!(error instanceof ContentError)) {
    return { code, message: error.message, ...(retryAfter && { retryAfter }) };
  }
  return {
    code,
    message:
      code === 'broken_content'
        ? `this part of the course is broken: ${error.message}`
        : error.message,
    // The file, line and fault apart, for the page to show as the live preview does.
    ...(error.location && {
      problem: {
        file: error.location.file,
        ...(error.location.line !== undefined && { line: error.location.line }),
        message: error.detail,
      },
    }),
  };
}

/** Errors of Express's own parts, by what they say of themselves. */
function theirs(error: unknown): Answer {
  // body-parser's errors carry a status and a type; their messages are safe to show.
  const { status, type } = error as { status?: number; type?: string };
  if (type === 'entity.too.large') {
    return { code: 'too_large', message: 'the request body is too large' };
  }
  if (type === 'entity.parse.failed') {
    return {
      code: 'bad_json',
      message: 'the request body is not valid JSON, or not a JSON object',
    };
  }
  // Their other 4xx errors (a charset body-parser does not read, a file express.static cannot
  // find) carry messages with server paths: they get words of ours.
  if (status === 415) {
    return {
      code: 'unsupported_media_type',
      message: 'send JSON in UTF-8, without a Content-Encoding the server does not read',
    };
  }
  if (status === 404) return { code: 'not_found', message: 'there is nothing here' };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { code: 'bad_request', message: 'the request cannot be read' };
  }
  return { code: 'internal', message: 'something went wrong on the server' };
}
