/**
 * Coded errors: stable codes that integrators can rely on (shared/api.md), each with an HTTP
 * status. Messages are for developers; what a young person reads comes from content/texts.yml.
 */
export const ERROR_STATUS = {
  VH_BAD_REQUEST: 400,
  VH_INVALID_JSON: 400,
  VH_UNSUPPORTED_MEDIA_TYPE: 415,
  VH_MISSING_TEXT: 400,
  VH_EMPTY_TEXT: 400,
  VH_TEXT_TOO_LONG: 413,
  VH_BODY_TOO_LARGE: 413,
  VH_UNKNOWN_CHOICE: 400,
  VH_CONVERSATION_NOT_FOUND: 404,
  VH_NOT_FOUND: 404,
  VH_UNAUTHORIZED: 401,
  VH_FORBIDDEN_ORIGIN: 403,
  VH_RATE_LIMITED: 429,
  VH_CONFLICT: 409,
  VH_UNAVAILABLE: 503,
  VH_INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class CodedError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra fields for the error body (never user text). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CodedError';
    this.status = ERROR_STATUS[code];
  }
}

export const isCodedError = (e: unknown): e is CodedError => e instanceof CodedError;
