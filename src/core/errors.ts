// One error type with a string code; the status comes from the code in one place (STYLE: Documenso AppError).
const statusByCode = {
  invalid_input: 400,
  weak_password: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  request_timeout: 408,
  illegal_state: 409,
  conflict: 409,
  // A ticket step refused by the ticket's state (the details name it): the code says which state the
  // step needs, so a screen can tell "already called" from "already finished" without parsing text.
  ticket_not_waiting: 409,
  ticket_not_called: 409,
  ticket_not_serving: 409,
  ticket_not_no_show: 409,
  ticket_not_cancellable: 409,
  ticket_not_transferable: 409,
  counter_closed: 409,
  counter_away: 409,
  counter_not_away: 409,
  // A counter still holding a called or serving ticket: finish it or mark it a no-show first.
  counter_busy: 409,
  // 过号撤销: no no-show at a counter to take back, or its minute has passed (return it to the queue).
  no_show_not_undoable: 409,
  undo_window_passed: 409,
  appointment_not_booked: 409,
  // An Idempotency-Key sent again with another request, or while its first request is still running.
  idempotency_key_reused: 409,
  idempotency_request_in_flight: 409,
  // A counter is worked by the one who holds it (opened it or took it over).
  counter_held: 409,
  // A complaint's, work order's or fault's state refuses the action (their rules.ts say which, when).
  complaint_closed: 409,
  complaint_wrong_state: 409,
  complaint_not_replied: 409,
  complaint_not_resolved: 409,
  complaint_callback_pending: 409,
  complaint_not_waiting: 409,
  complaint_still_open: 409,
  complaint_not_closed: 409,
  appeal_already_decided: 409,
  work_order_pending: 409,
  work_order_resolved: 409,
  work_order_not_queued: 409,
  work_order_not_claimed: 409,
  work_order_not_open: 409,
  work_order_not_returned: 409,
  work_order_not_replied: 409,
  fault_closed: 409,
  fault_already_reported: 409,
  fault_already_repaired: 409,
  fault_already_confirmed: 409,
  fault_not_repaired: 409,
  fault_not_confirmed: 409,
  // R-EVAL by SMS: the link's 72 hours have passed; the service was rated already (on the pad or the link).
  rating_link_expired: 409,
  already_rated: 409,
  // 排班 (R-ROSTER)
  shift_taken: 409,
  swap_decided: 409,
  roster_published: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  business_not_allowed_here: 422,
  hall_closed: 422,
  rule_violation: 422,
  unstable_load: 422,
  rate_limited: 429,
  account_locked: 429,
  headers_too_large: 431,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof statusByCode;

/** The code for a status another layer chose (Fastify, a plugin, Node's HTTP parser). */
export function codeOfStatus(status: number): ErrorCode {
  const code = (Object.keys(statusByCode) as ErrorCode[]).find((c) => statusByCode[c] === status);
  return code ?? (status < 500 ? "invalid_input" : "internal");
}

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
