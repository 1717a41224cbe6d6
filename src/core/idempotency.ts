import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { AppContext } from "./context.js";
import type { Db } from "./db.js";
import { AppError } from "./errors.js";
import { run, runCount, statement } from "./statements.js";

// Exactly once where the customer sees it: a double tap on the kiosk, a form sent twice, a retry after a
// lost answer. A POST that carries an `Idempotency-Key` header runs once per key and caller; a repeat
// within 24 h gets the first answer again (same status, same body, header `Idempotent-Replayed: true`),
// a repeat with another method, path or body is a 409 idempotency_key_reused, and a repeat that arrives
// while the first is still running waits for its answer (a 409 idempotency_request_in_flight after
// WAIT_MS). Only a success is kept: an error changed nothing (a 4xx by rule, a 5xx rolled back), so the
// key is released and the same intent may be sent again, corrected or not.
//
// The database decides who runs: the first request inserts the key's row (primary key), the others find
// it. Requests without the header cost one header lookup. The caller scopes the key (a person, a device,
// or for a public route the client address), so one caller can never be answered with another's result.

const HEADER = "idempotency-key";
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/; // visible ASCII, as a header value carries it
const TTL_HOURS = 24;
// A claim is a lease: a request whose instance died mid-way leaves a row that is taken over after this.
// Longer than any request runs (the largest, a county's customer import, takes seconds).
const LEASE_SECONDS = 120;
const WAIT_MS = 10_000;
const PRUNE_BATCH = 1000;
const PRUNE_ROUNDS = 10;

type Claim = { keyHash: string; requestHash: string; secret: Buffer };

declare module "fastify" {
  interface FastifyRequest {
    /** The idempotency claim this request holds while it runs (set only when it carries the header). */
    idempotency: Claim | null;
  }
}

// Everything is derived from the caller and the client's key, which is never stored.
function claimFor(scope: string, key: string, req: FastifyRequest): Claim {
  const secret = createHash("sha256").update(`${scope}\n${key}`).digest();
  const mac = (label: string, data: string | Buffer) =>
    createHmac("sha256", secret).update(label).update("\n").update(data).digest("base64url");
  const body = req.body === undefined ? "" : Buffer.isBuffer(req.body) ? req.body : canonicalJson(req.body);
  return {
    keyHash: mac("key", ""),
    requestHash: mac("request", `${req.method} ${req.url}\n`) + mac("body", body),
    secret,
  };
}

/** JSON with object keys sorted: the same body sent with its fields in another order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

type Answer = { contentType: string; body: string };

// AES-256-GCM under a key derived from the client's key: "iv.tag.ciphertext", base64url.
function seal(secret: Buffer, answer: Answer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(secret), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(answer), "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(".");
}

function open(secret: Buffer, sealed: string): Answer {
  const [iv, tag, data] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(secret), iv);
  decipher.setAuthTag(tag);
  return JSON.parse(Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8")) as Answer;
}

const encryptionKey = (secret: Buffer) => createHmac("sha256", secret).update("response").digest();

// The claim: a new row, or the row of a claim abandoned past its lease or expired and not yet pruned.
// $1 key hash, $2 request hash, $3 lease seconds, $4 hours to keep.
const claimKey = statement(
  `INSERT INTO idempotency_keys (key_hash, request_hash, locked_until, expires_at)
   VALUES ($1, $2, now() + make_interval(secs => $3), now() + make_interval(hours => $4))
   ON CONFLICT (key_hash) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = NULL, response = NULL,
     locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at
   WHERE (idempotency_keys.status IS NULL AND idempotency_keys.locked_until < now())
     OR idempotency_keys.expires_at < now()
   RETURNING key_hash`,
);
const readKey = statement("SELECT request_hash, status, response FROM idempotency_keys WHERE key_hash = $1");
const storeAnswer = statement(
  "UPDATE idempotency_keys SET status = $3, response = $4 WHERE key_hash = $1 AND request_hash = $2 AND status IS NULL",
);
const releaseKey = statement(
  "DELETE FROM idempotency_keys WHERE key_hash = $1 AND request_hash = $2 AND status IS NULL",
);
const pruneKeys = statement(
  `DELETE FROM idempotency_keys WHERE key_hash IN (
     SELECT key_hash FROM idempotency_keys WHERE expires_at < now() ORDER BY expires_at LIMIT $1
     FOR UPDATE SKIP LOCKED)`,
);

type KeyRow = { request_hash: string; status: number | null; response: string | null };

/** Runs the request (null) or answers it from the first: waits while the first is still running. */
async function claimOrReplay(db: Db, claim: Claim): Promise<{ status: number; answer: Answer } | null> {
  const deadline = Date.now() + WAIT_MS;
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    const claimed = await run(db, claimKey, [claim.keyHash, claim.requestHash, LEASE_SECONDS, TTL_HOURS]);
    if (claimed.length) return null;
    const [row] = await run<KeyRow>(db, readKey, [claim.keyHash]);
    if (!row) continue; // released by its request a moment ago: claim it again
    if (row.request_hash !== claim.requestHash) {
      throw new AppError(
        "idempotency_key_reused",
        "This Idempotency-Key was used for another request; send a new key for a new request",
      );
    }
    if (row.status !== null && row.response !== null) {
      return { status: row.status, answer: open(claim.secret, row.response) };
    }
    if (Date.now() + pause > deadline) {
      throw new AppError(
        "idempotency_request_in_flight",
        "The first request with this Idempotency-Key is still running; try again shortly",
      );
    }
    await new Promise((r) => setTimeout(r, pause));
  }
}

/** Scope of a key: who asks. A public route has no caller but its client address. */
function scopeOf(req: FastifyRequest): string {
  const p = req.principal;
  return p ? `${p.kind}:${p.id}` : `address:${req.ip}`;
}

/** Deletes expired keys, a batch at a time by the expiry index; several instances share the work. */
export async function pruneIdempotencyKeys(db: Db, batch = PRUNE_BATCH): Promise<number> {
  let total = 0;
  for (let round = 0; round < PRUNE_ROUNDS; round++) {
    const deleted = await runCount(db, pruneKeys, [batch]);
    total += deleted;
    if (deleted < batch) break;
  }
  return total;
}

/**
 * Every POST that carries an Idempotency-Key, except sign-in (/api/auth/: a session is not an answer to
 * keep, and a body with a password is not one to hash). Register before the routes.
 */
export const idempotencyPlugin = fp(async (app: FastifyInstance, { ctx }: { ctx: AppContext }) => {
  const { db } = ctx;
  app.decorateRequest("idempotency", null);

  // preValidation: the body as sent (parsed, not yet stripped or defaulted by the schema).
  app.addHook("preValidation", async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.headers[HEADER];
    if (key === undefined || req.method !== "POST" || req.url.startsWith("/api/auth/")) return;
    if (typeof key !== "string" || !KEY_PATTERN.test(key)) {
      throw new AppError("invalid_input", "Idempotency-Key must be 1 to 200 visible ASCII characters");
    }
    const claim = claimFor(scopeOf(req), key, req);
    const first = await claimOrReplay(db, claim);
    if (!first) {
      req.idempotency = claim;
      return;
    }
    return reply
      .code(first.status)
      .header("content-type", first.answer.contentType)
      .header("idempotent-replayed", "true")
      .send(first.answer.body);
  });

  // The answer is kept before it leaves: a repeat that comes the moment after finds it.
  app.addHook("onSend", async (req, reply, payload) => {
    const claim = req.idempotency;
    if (!claim) return payload;
    req.idempotency = null;
    const keep = reply.statusCode < 300 && (typeof payload === "string" || Buffer.isBuffer(payload));
    try {
      if (keep) {
        const answer = {
          contentType: String(reply.getHeader("content-type") ?? "application/json; charset=utf-8"),
          body: payload.toString(),
        };
        await run(db, storeAnswer, [
          claim.keyHash,
          claim.requestHash,
          reply.statusCode,
          seal(claim.secret, answer),
        ]);
      } else await run(db, releaseKey, [claim.keyHash, claim.requestHash]);
    } catch (err) {
      // The change is made and its answer goes out; the claim stays until its lease ends. (So does the
      // claim of a request that never reached this hook: it is not released while it might still run.)
      req.log.error({ err }, "could not keep the answer of an idempotent request");
    }
    return payload;
  });

  ctx.sweeper.add({ name: "prune-idempotency-keys", run: () => pruneIdempotencyKeys(db) });
});
