import { createHash, randomBytes } from "node:crypto";
import type { DeviceKind, Principal, Role } from "./access.js";
import type { DbOrTx } from "./db.js";
import { run, statement } from "./statements.js";

// Who a token belongs to: the lookup the auth plugin (src/core/http.ts) and the SSE hub need before any
// feature runs. The tables are the users feature's (src/features/users/tables.ts); the core reads them by
// name in these statements so that it imports no feature. Accounts, passwords, sessions and devices are
// created and ended by that feature.

export const newToken = (prefix: string) => `${prefix}_${randomBytes(32).toString("base64url")}`;
export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

export type Resolved = { principal: Principal; csrfToken: string | null };

const selectSession = statement(
  `SELECT u.id, u.username, u.display_name, u.role, u.hall_id, u.region_code,
          CASE WHEN s.kind = 'cookie' THEN s.csrf_token END AS csrf_token
   FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active
   LIMIT 1`,
);
type SessionRow = {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  hall_id: string | null;
  region_code: string | null;
  csrf_token: string | null;
};
// A device's request also marks it seen (R-SITE: the site check knows which kiosks, displays and pads are
// alive), at most once a minute so a busy kiosk writes nothing on most requests.
const selectDevice = statement(
  `WITH d AS (
     SELECT id, kind, hall_id, counter_id, last_seen_at FROM devices
     WHERE token_hash = $1 AND revoked_at IS NULL LIMIT 1
   ), seen AS (
     UPDATE devices SET last_seen_at = now() FROM d
     WHERE devices.id = d.id AND devices.hall_id = d.hall_id
       AND (d.last_seen_at IS NULL OR d.last_seen_at < now() - interval '1 minute')
   )
   SELECT id, kind, hall_id, counter_id FROM d`,
);
type DeviceRow = { id: string; kind: DeviceKind; hall_id: string; counter_id: string | null };

/** Finds who a token belongs to: a user session (cookie or bearer) or a device. */
export async function resolveToken(db: DbOrTx, token: string): Promise<Resolved | null> {
  const h = tokenHash(token);
  if (token.startsWith("dev_")) {
    const [d] = await run<DeviceRow>(db, selectDevice, [h]);
    if (!d) return null;
    return {
      principal: { kind: "device", id: d.id, deviceKind: d.kind, hallId: d.hall_id, counterId: d.counter_id },
      csrfToken: null,
    };
  }
  const [u] = await run<SessionRow>(db, selectSession, [h, new Date()]);
  if (!u) return null;
  return {
    principal: {
      kind: "user",
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      hallId: u.hall_id,
      regionCode: u.region_code,
    },
    csrfToken: u.csrf_token,
  };
}

// Who each of many tokens belongs to now, in one statement (the SSE hub asks for its open streams).
const selectPrincipals = statement(
  `SELECT s.token_hash, 'user' AS kind, u.id, u.username, u.display_name, u.role, u.hall_id, u.region_code,
          NULL AS device_kind, NULL::uuid AS counter_id
   FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.token_hash = ANY($1::text[]) AND s.expires_at > now() AND u.active
   UNION ALL
   SELECT token_hash, 'device', id, NULL, NULL, NULL, hall_id, NULL, kind, counter_id
   FROM devices WHERE token_hash = ANY($1::text[]) AND revoked_at IS NULL`,
);
// A device with a stream open is alive: the hub's recheck marks it seen, at most once a minute.
const markStreamingDevices = statement(
  `UPDATE devices SET last_seen_at = now()
   WHERE token_hash = ANY($1::text[]) AND revoked_at IS NULL
     AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute')`,
);
type PrincipalRow = {
  token_hash: string;
  kind: "user" | "device";
  id: string;
  username: string;
  display_name: string;
  role: Role;
  hall_id: string;
  region_code: string | null;
  device_kind: DeviceKind;
  counter_id: string | null;
};

/** The principal each token resolves to now; a token that no longer resolves is absent. */
export async function principalsOfTokens(db: DbOrTx, tokens: string[]): Promise<Map<string, Principal>> {
  const byHash = new Map(tokens.map((t) => [tokenHash(t), t]));
  const hashes = [...byHash.keys()];
  const rows = await run<PrincipalRow>(db, selectPrincipals, [hashes]);
  const deviceHashes = rows.filter((r) => r.kind === "device").map((r) => r.token_hash);
  if (deviceHashes.length) await run(db, markStreamingDevices, [deviceHashes]);
  const out = new Map<string, Principal>();
  for (const r of rows) {
    const token = byHash.get(r.token_hash)!;
    out.set(
      token,
      r.kind === "user"
        ? {
            kind: "user",
            id: r.id,
            username: r.username,
            displayName: r.display_name,
            role: r.role,
            hallId: r.hall_id,
            regionCode: r.region_code,
          }
        : { kind: "device", id: r.id, deviceKind: r.device_kind, hallId: r.hall_id, counterId: r.counter_id },
    );
  }
  return out;
}

/** Whether a principal still has the same rights (a new display name does not matter). */
export function samePrincipal(a: Principal, b: Principal): boolean {
  if (a.kind === "user" && b.kind === "user")
    return a.id === b.id && a.role === b.role && a.hallId === b.hallId && a.regionCode === b.regionCode;
  if (a.kind === "device" && b.kind === "device")
    return (
      a.id === b.id && a.hallId === b.hallId && a.counterId === b.counterId && a.deviceKind === b.deviceKind
    );
  return false;
}
