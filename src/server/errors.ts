/**
 * One error shape for every route: {"error": {"code": "VH_…", "message": "…"}}. Fastify's own
 * errors (bad JSON, body too large, wrong content type) are mapped to stable VH_ codes.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { CodedError, type ErrorCode } from '../core/errors.js';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'VH_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'VH_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VH_INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VH_INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VH_BAD_REQUEST',
  FST_ERR_VALIDATION: 'VH_BAD_REQUEST',
};

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  VH_BODY_TOO_LARGE: 'the request body is larger than 16 KB',
  VH_UNSUPPORTED_MEDIA_TYPE: 'send JSON with Content-Type: application/json',
  VH_INVALID_JSON: 'the body is not valid JSON',
  VH_BAD_REQUEST: 'bad request',
  VH_RATE_LIMITED: 'too many requests; wait a minute',
};

export function toCodedError(err: unknown): CodedError {
  if (err instanceof CodedError) return err;
  const fe = (err ?? {}) as Partial<FastifyError>;
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) return new CodedError(mapped, MESSAGES[mapped] ?? 'bad request');
  if (fe.statusCode === 429) return new CodedError('VH_RATE_LIMITED', MESSAGES.VH_RATE_LIMITED!);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new CodedError('VH_BAD_REQUEST', 'bad request');
  return new CodedError('VH_INTERNAL', 'something went wrong on our side');
}

export function errorBody(e: CodedError): { error: Record<string, unknown> } {
  return { error: { code: e.code, message: e.message, ...(e.details ?? {}) } };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const coded = toCodedError(err);
    if (coded.status >= 500 && coded.code !== 'VH_UNAVAILABLE') request.log.error({ err }, 'request failed');
    else request.log.info({ code: coded.code, status: coded.status }, 'request refused');
    if (coded.code === 'VH_RATE_LIMITED') reply.header('retry-after', '60');
    if (coded.code === 'VH_UNAVAILABLE') reply.header('retry-after', '5');
    return reply.status(coded.status).send(errorBody(coded));
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send(errorBody(new CodedError('VH_NOT_FOUND', 'no such route'))),
  );
}
