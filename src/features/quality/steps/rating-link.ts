import { createHash, randomBytes } from "node:crypto";

// R-EVAL by SMS: finishing a ticket with a phone number writes, in the finish statement itself, a rating
// link (only its hash is kept) and the SMS that carries it, through the outbox — so the message leaves
// if and only if the service's end committed, once per ticket (the link's key and the outbox dedupe key).

export const RATING_LINK_HOURS = 72;

export const hashRatingToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A fresh link: the token for the SMS (never stored), its hash, and the address the customer opens. */
export function newRatingLink(publicUrl: string) {
  const token = randomBytes(16).toString("base64url");
  return { tokenHash: hashRatingToken(token), url: `${publicUrl}/r/${token}` };
}

export type RatingLinkParams = { ratingTokenHash: string; ratingUrl: string; now: Date };

/**
 * The CTEs that follow a finished ticket `source` (a CTE with the ticket's row): its link when it has a
 * phone, and the SMS. Parameters :ratingTokenHash, :ratingUrl, :now.
 */
export const ratingLinkCtes = (source: string) => `rl AS (
     INSERT INTO rating_links (hall_id, ticket_id, token_hash, expires_at)
     SELECT ${source}.hall_id, ${source}.id, :ratingTokenHash::text,
       :now::timestamptz + interval '${RATING_LINK_HOURS} hours'
     FROM ${source} WHERE ${source}.phone IS NOT NULL
     ON CONFLICT DO NOTHING RETURNING hall_id, ticket_id),
   rm AS (
     INSERT INTO outbox (channel, recipient, body, hall_id, dedupe_key, payload)
     SELECT 'sms', ${source}.phone,
       '【' || h.name || '】感谢您今天来厅办理业务，请为本次服务评价（72小时内有效）：' || :ratingUrl::text,
       ${source}.hall_id, 'rating:' || ${source}.id::text,
       jsonb_build_object('ticketId', ${source}.id, 'kind', 'rating')
     FROM ${source} JOIN rl ON rl.ticket_id = ${source}.id JOIN halls h ON h.id = ${source}.hall_id
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id)`;
