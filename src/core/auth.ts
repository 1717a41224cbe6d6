import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { DeviceKind, Principal, Role } from "./access.js";
import type { Db } from "./db.js";
import { devices, sessions, users } from "./tables.js";

// argon2id with the library defaults (m=19 MiB, t=2): the OWASP baseline.
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (stored: string, password: string) =>
  verify(stored, password).catch(() => false);

export const newToken = (prefix: string) => `${prefix}_${randomBytes(32).toString("base64url")}`;
export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

export type UserRow = typeof users.$inferSelect;

export function userPrincipal(u: UserRow): Principal {
  return {
    kind: "user",
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    hallId: u.hallId,
    regionCode: u.regionCode,
  };
}

export async function checkCredentials(db: Db, username: string, password: string): Promise<UserRow | null> {
  const [u] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  // Verify against a dummy hash when the user is unknown so timing does not reveal which usernames exist.
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const ok = await verifyPassword(u?.passwordHash ?? (await dummyHash), password);
  return u?.active && ok ? u : null;
}
let dummyHash: Promise<string> | undefined;

/** An active user by id (a staff member named in a request), or null. */
export async function findActiveUser(db: Db, id: string): Promise<UserRow | null> {
  const [u] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)))
    .limit(1);
  return u ?? null;
}

export async function createSession(db: Db, userId: string, kind: "cookie" | "bearer", hours: number) {
  const token = newToken(kind === "cookie" ? "ses" : "tok");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + hours * 3600_000);
  await db.insert(sessions).values({ tokenHash: tokenHash(token), userId, kind, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Db, token: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
}

export type Resolved = { principal: Principal; csrfToken: string | null };

/** Finds who a token belongs to: a user session (cookie or bearer) or a device. */
export async function resolveToken(db: Db, token: string): Promise<Resolved | null> {
  const h = tokenHash(token);
  if (token.startsWith("dev_")) {
    const [d] = await db
      .select()
      .from(devices)
      .where(and(eq(devices.tokenHash, h), isNull(devices.revokedAt)))
      .limit(1);
    if (!d) return null;
    return {
      principal: {
        kind: "device",
        id: d.id,
        deviceKind: d.kind as DeviceKind,
        hallId: d.hallId,
        counterId: d.counterId,
      },
      csrfToken: null,
    };
  }
  const [row] = await db
    .select({ user: users, csrfToken: sessions.csrfToken, kind: sessions.kind })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, h), gt(sessions.expiresAt, new Date()), eq(users.active, true)))
    .limit(1);
  if (!row) return null;
  return { principal: userPrincipal(row.user), csrfToken: row.kind === "cookie" ? row.csrfToken : null };
}

export async function createDevice(
  db: Db,
  input: { hallId: string; counterId?: string | null; kind: DeviceKind; label: string },
) {
  const token = newToken("dev");
  const [d] = await db
    .insert(devices)
    .values({ ...input, counterId: input.counterId ?? null, tokenHash: tokenHash(token) })
    .returning();
  return { device: d, token };
}
