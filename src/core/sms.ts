import { createHmac, timingSafeEqual } from "node:crypto";
import { DEFAULT_DELIVERY_TIMEOUT_MS, deliveryKey, type OutboxAdapter } from "./outbox.js";

// R-NOTIFY (issue 16): SMS over an HTTP gateway. Each request is signed — HMAC-SHA256 of
// "<timestamp>.<body>" with the shared secret, in X-Tingwu-Signature beside X-Tingwu-Timestamp — and
// carries the outbox's delivery key, so a gateway that keeps keys sends a message once even when Tingwu
// retries it (with the outbox's back-off). The gateway's delivery receipts come back signed the same way
// (POST /api/public/sms/receipts) and update the message's delivery state.

export const SIGNATURE_HEADER = "x-tingwu-signature";
export const TIMESTAMP_HEADER = "x-tingwu-timestamp";
/** A receipt signed longer ago than this is refused (a replay). */
const MAX_SKEW_MS = 5 * 60_000;

export const signBody = (secret: string, timestamp: string, body: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

/** Whether a body was signed with this secret within the last few minutes. */
export function verifySignature(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  body: string,
  now = Date.now(),
) {
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_MS) return false;
  const expected = Buffer.from(signBody(secret, timestamp, body), "hex");
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function httpSmsAdapter(
  url: string,
  secret: string,
  timeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS,
): OutboxAdapter {
  return {
    timeoutMs,
    async deliver(m, signal) {
      const body = JSON.stringify({ id: deliveryKey(m), to: m.recipient, text: m.body });
      const timestamp = String(Date.now());
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "idempotency-key": deliveryKey(m),
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signBody(secret, timestamp, body),
        },
        body,
        signal: signal ?? AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}
