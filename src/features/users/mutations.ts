import { randomBytes } from "node:crypto";
import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { DeviceKind, Role } from "../../core/access.js";
import { newToken, tokenHash } from "../../core/auth.js";
import { type Db, isUniqueViolation } from "../../core/db.js";
import { AppError } from "../../core/errors.js";
import { transaction } from "../../core/transaction.js";
import type { DeviceRow, SignInLock, UserRow } from "./data.js";
import { hashPassword } from "./passwords.js";
import { admit, type SignInKey, secondsUntil } from "./sign-in-rules.js";
import { devices, sessions, signInFailures, users } from "./tables.js";

// Writes of people, sessions and devices; and the rows behind sign-in-rules.ts.

type NewUser = {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  hallId?: string | null;
  regionCode?: string | null;
};
export type UserChange = Partial<Omit<NewUser, "username">> & { active?: boolean };

/** A new staff account; 409 conflict when the username is taken. */
export async function createUser(db: Db, { password, ...rest }: NewUser): Promise<UserRow> {
  try {
    const [u] = await db
      .insert(users)
      .values({ ...rest, passwordHash: await hashPassword(password) })
      .returning();
    return u;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", `Username ${rest.username} is taken`);
    throw err;
  }
}

/** Changes an account (a new password is hashed here); the row as it is now. */
export async function updateUser(db: Db, id: string, { password, ...rest }: UserChange): Promise<UserRow> {
  const [u] = await db
    .update(users)
    .set({ ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) })
    .where(eq(users.id, id))
    .returning();
  return u;
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

/** Ends every session and bearer token of a user, or all but the one in use (`except`). */
export async function endSessionsOf(db: Db, userId: string, except?: string) {
  await db
    .delete(sessions)
    .where(
      except
        ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, tokenHash(except)))
        : eq(sessions.userId, userId),
    );
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

/** Revokes a device of this hall that is not revoked yet; the row, or null when there is none such. */
export async function revokeDevice(db: Db, hallId: string, deviceId: string): Promise<DeviceRow | null> {
  const [d] = await db
    .update(devices)
    .set({ revokedAt: new Date() })
    .where(and(eq(devices.id, deviceId), eq(devices.hallId, hallId), isNull(devices.revokedAt)))
    .returning();
  return d ?? null;
}

// Sign-in failures: in the database, not in memory, so that a lock holds on every instance and across
// restarts; a row lock per key makes attempts that arrive together count one by one.

export type SignInKeys = Record<SignInKey, string>;
export type Claim =
  | { ok: true; locking: { key: SignInKey; seconds: number }[] }
  | { ok: false; key: SignInKey; retryAfterSeconds: number };

// Always locked in this order, so two attempts never wait on each other crosswise.
const KINDS: SignInKey[] = ["address", "username"];

/** Takes a place for one attempt on both keys, before its password is checked; or says how long to wait. */
export async function claimSignIn(db: Db, keys: SignInKeys, now = new Date()): Promise<Claim> {
  return transaction(db, async (tx) => {
    await tx
      .insert(signInFailures)
      .values(KINDS.map((kind) => ({ kind, subject: keys[kind] })))
      .onConflictDoNothing();
    const rows = await tx
      .select()
      .from(signInFailures)
      .where(
        or(
          ...KINDS.map((kind) => and(eq(signInFailures.kind, kind), eq(signInFailures.subject, keys[kind]))),
        ),
      )
      .orderBy(signInFailures.kind)
      .for("update");
    const each = KINDS.map((kind) => {
      const row = rows.find((r) => r.kind === kind)!;
      return { kind, row, admission: admit(row, kind, now) };
    });
    let refused: Claim | null = null;
    for (const { kind, admission } of each) {
      if (admission.ok) continue;
      if (!refused || refused.ok || admission.retryAfterSeconds > refused.retryAfterSeconds)
        refused = { ok: false, key: kind, retryAfterSeconds: admission.retryAfterSeconds };
    }
    // A refused attempt counts on neither key: a locked address cannot run up a username's count.
    if (refused) return refused;
    const locking: { key: SignInKey; seconds: number }[] = [];
    for (const { kind, row, admission } of each) {
      if (!admission.ok) continue;
      await tx.update(signInFailures).set(admission.next).where(eq(signInFailures.id, row.id));
      if (admission.locks)
        locking.push({ key: kind, seconds: secondsUntil(admission.next.lockedUntil!, now) });
    }
    return { ok: true, locking };
  });
}

/**
 * After a right password: the username's failures and lock are forgotten; the address gets its place back
 * (and loses the lock this attempt would have set). A wrong password leaves the count as the claim made it.
 */
export async function signInSucceeded(db: Db, keys: SignInKeys, locking: { key: SignInKey }[]) {
  await db
    .delete(signInFailures)
    .where(and(eq(signInFailures.kind, "username"), eq(signInFailures.subject, keys.username)));
  await db
    .update(signInFailures)
    .set({
      failures: sql`greatest(${signInFailures.failures} - 1, 0)`,
      ...(locking.some((l) => l.key === "address")
        ? { lockedUntil: null, lockouts: sql`greatest(${signInFailures.lockouts} - 1, 0)` }
        : {}),
    })
    .where(and(eq(signInFailures.kind, "address"), eq(signInFailures.subject, keys.address)));
}

/** Lifts a lock and forgets the key's failures (its next lock is a first one again); the row, or null. */
export async function liftSignInLock(db: Db, id: string): Promise<SignInLock | null> {
  const [row] = await db.delete(signInFailures).where(eq(signInFailures.id, id)).returning();
  return row ?? null;
}
