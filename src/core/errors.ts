// One error type with a string code; the status comes from the code in one place (STYLE: Documenso AppError).
const statusByCode = {
  invalid_input: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  illegal_state: 409,
  conflict: 409,
  business_not_allowed_here: 422,
  hall_closed: 422,
  rule_violation: 422,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof statusByCode;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "Not allowed for your role or scope") =>
  new AppError("forbidden", message);
export const illegalState = (entity: string, state: string, action: string) =>
  new AppError("illegal_state", `Cannot ${action} a ${entity} that is ${state}`, { state });
