import type { Writable } from "node:stream";
import pino, { type LoggerOptions } from "pino";
import pretty from "pino-pretty";

// Nothing secret reaches a log line (R-PRIVACY): fields known to hold secrets are redacted by name at any
// depth, and every string — message, field, error message and stack — is scrubbed of what looks like a
// phone number, an ID number, a password hash or a token. A failed query's parameters are dropped: the
// database driver puts them in the error (full phone numbers, argon2 hashes).

const REDACTED = "[redacted]";
// Lower-cased field names whose values never appear.
const SECRET_KEYS = new Set([
  "authorization",
  "cookie",
  "set-cookie",
  "x-csrf-token",
  "csrftoken",
  "password",
  "passwordhash",
  "password_hash",
  "token",
  "authtoken",
  "token_hash",
  "tokenhash",
  "phone",
  "idnumber",
  "id_number",
  // A failed statement's bound values (Drizzle's DrizzleQueryError.params, pg's parameters).
  "params",
  "parameters",
]);

const PATTERNS: [RegExp, (m: string) => string][] = [
  // argon2 hashes, whole: $argon2id$v=19$m=…,t=…,p=…$salt$hash
  [/\$argon2(?:id|i|d)\$[A-Za-z0-9+/=$,.-]*/g, () => "[argon2-hash]"],
  // Session, API and device tokens: ses_…, tok_…, dev_…
  [/\b(ses|tok|dev)_[A-Za-z0-9_-]{16,}/g, (m) => `${m.slice(0, 4)}${REDACTED}`],
  // A customer's rating link (R-EVAL by SMS): /r/<token> in a message, /api/public/ratings/<token> in a URL.
  [
    /(\/r\/|\/ratings\/)[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])/g,
    (m) => `${m.slice(0, m.lastIndexOf("/") + 1)}${REDACTED}`,
  ],
  // 居民身份证: 6-digit area, birth date, 3 digits, check digit
  [
    /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g,
    () => "[id-number]",
  ],
  // Mobile numbers (1[3-9] and nine digits), masked as the API masks them: 138****5678
  [/(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)/g, (m) => `${m.slice(0, m.length - 8)}****${m.slice(-4)}`],
  // Fixed lines with the area code: 021-12345678, 02112345678
  [/(?<![\d.])0\d{2,3}-?\d{7,8}(?!\d)/g, (m) => `${m.slice(0, 3)}****${m.slice(-2)}`],
];

/** A string with phone numbers masked and ID numbers, password hashes and tokens taken out. */
export function scrubText(s: string): string {
  let out = s;
  for (const [pattern, replace] of PATTERNS) out = out.replace(pattern, replace);
  // A failed query's message spells its parameters on a line of their own.
  return out.replace(/\nparams: .*/g, `\nparams: ${REDACTED}`);
}

/** A copy of a log value with secret fields redacted and every string scrubbed. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth > 8) return "[too deep]";
  if (value instanceof Error) return scrubValue(pino.stdSerializers.errWithCause(value), depth);
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEYS.has(k.toLowerCase()) && v != null ? REDACTED : scrubValue(v, depth + 1);
  }
  return out;
}

/** An error as a log field: pino's serializer (with its causes), scrubbed. */
const serializeError = (err: unknown) => scrubValue(err);

/**
 * The pino options of the app's logger. On a terminal the lines are printed readably (pino-pretty);
 * otherwise, or when `stream` is given, they are JSON lines.
 */
export function loggerOptions(level: string, stream?: Writable): LoggerOptions & { stream?: Writable } {
  return {
    level,
    serializers: { err: serializeError, error: serializeError },
    // Fixed paths, cheap and exact; the scrubber below catches what they cannot name.
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        "*.password",
        "*.passwordHash",
        "*.token",
        "*.phone",
        "*.idNumber",
      ],
      censor: REDACTED,
    },
    formatters: { log: (fields) => scrubValue(fields) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === "string" ? scrubText(a) : a));
        // log.error(err) alone takes err.message as the line's message, past the formatter: say it here.
        const [first] = scrubbed;
        const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
        if (err instanceof Error && typeof scrubbed[1] !== "string")
          scrubbed.splice(1, 0, scrubText(err.message));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
    stream: stream ?? (process.stdout.isTTY ? prettyStream() : undefined),
  };
}

// On a terminal: one line per entry, a request as "GET /api/health 200 3 ms".
function prettyStream(): Writable {
  return pretty({
    sync: true,
    colorize: true,
    translateTime: "SYS:HH:MM:ss",
    singleLine: true,
    ignore: "pid,hostname,method,url,status,ms",
    messageFormat: (entry, messageKey) =>
      entry.method
        ? `${entry.method} ${entry.url} ${entry.status} ${entry.ms} ms`
        : String(entry[messageKey] ?? ""),
  });
}

/**
 * The start banner's logger. The generated admin password and a fresh demo's device links exist to be
 * read, once, by whoever starts Tingwu: this logger alone does not scrub, and nothing else logs through it.
 */
export function startLogger(level: string): pino.Logger {
  return pino({ level }, process.stdout.isTTY ? prettyStream() : pino.destination(1));
}
