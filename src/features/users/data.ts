import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, gt, ilike, inArray, isNotNull, isNull, lt, ne, or } from "drizzle-orm";
import type { Principal, Role } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { devices, signInFailures, users } from "./tables.js";

// Reads of people, devices and sign-in locks. Other features ask here for staff (a name to show, the
// managers of a region), never read the users table themselves.

export type UserRow = typeof users.$inferSelect;
export type DeviceRow = typeof devices.$inferSelect;
export type SignInLock = typeof signInFailures.$inferSelect;

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

export async function checkCredentials(
  db: DbOrTx,
  username: string,
  password: string,
): Promise<UserRow | null> {
  const [u] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  // Verify against a dummy hash when the user is unknown so timing does not reveal which usernames exist.
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const ok = await verifyPassword(u?.passwordHash ?? (await dummyHash), password);
  return u?.active && ok ? u : null;
}
let dummyHash: Promise<string> | undefined;

/** An active user by id (a staff member named in a request), or null. */
export async function findActiveUser(db: DbOrTx, id: string): Promise<UserRow | null> {
  const [u] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)))
    .limit(1);
  return u ?? null;
}

/** Display names by user id (a counter's holder, a complaint's actors); unknown ids are absent. */
export async function staffNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((u) => [u.id, u.name]));
}

/** One person's display name, or null (no one, or no such person). */
export async function staffName(db: DbOrTx, id: string | null): Promise<string | null> {
  if (!id) return null;
  return (await staffNames(db, [id])).get(id) ?? null;
}

export type Staff = Pick<UserRow, "id" | "username" | "displayName" | "hallId" | "regionCode"> & {
  role: Role;
};
export type StaffQuery = {
  role?: Role;
  regionCode?: string;
  /** In any of these: this hall, this region, or one of these roles. */
  within?: { hallId?: string | null; regionCode?: string; roles?: readonly Role[] };
  /** Not this person. */
  except?: string;
  /** Name or username contains this. */
  search?: string;
};

/** Active staff matching a query (the people to tell, or to hand a case to). */
export async function activeStaff(db: DbOrTx, q: StaffQuery): Promise<Staff[]> {
  const like = q.search?.trim() ? `%${q.search.trim().replace(/[%_\\]/g, "\\$&")}%` : null;
  const w = q.within;
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      hallId: users.hallId,
      regionCode: users.regionCode,
    })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        q.role ? eq(users.role, q.role) : undefined,
        q.regionCode !== undefined ? eq(users.regionCode, q.regionCode) : undefined,
        q.except ? ne(users.id, q.except) : undefined,
        w
          ? or(
              w.hallId ? eq(users.hallId, w.hallId) : undefined,
              w.regionCode !== undefined ? eq(users.regionCode, w.regionCode) : undefined,
              w.roles?.length ? inArray(users.role, [...w.roles]) : undefined,
            )
          : undefined,
        like ? or(ilike(users.displayName, like), ilike(users.username, like)) : undefined,
      ),
    );
  return rows.map((u) => ({ ...u, role: u.role as Role }));
}

/** A user by id, active or not, or null. */
export async function findUser(db: DbOrTx, id: string): Promise<UserRow | null> {
  const [u] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return u ?? null;
}

export async function listUsers(db: DbOrTx): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.username));
}

/** The active people with an e-mail address: the scheduled reports' recipients (issue 15). */
export async function usersWithEmail(db: DbOrTx) {
  return db
    .select({
      id: users.id,
      role: users.role,
      hallId: users.hallId,
      regionCode: users.regionCode,
      email: users.email,
    })
    .from(users)
    .where(and(eq(users.active, true), isNotNull(users.email)));
}

export async function listDevices(db: DbOrTx, hallId: string): Promise<DeviceRow[]> {
  return db.select().from(devices).where(eq(devices.hallId, hallId)).orderBy(asc(devices.createdAt));
}

/**
 * R-SITE: the devices in use (not revoked) whose last request or stream is between `since` and `before`:
 * the ones gone quiet. The partial index on last_seen_at keeps it to those rows.
 */
export async function quietDevices(db: DbOrTx, q: { since: Date; before: Date }): Promise<DeviceRow[]> {
  return db
    .select()
    .from(devices)
    .where(and(isNull(devices.revokedAt), gt(devices.lastSeenAt, q.since), lt(devices.lastSeenAt, q.before)));
}

/** Some devices by id, revoked or not. */
export async function devicesByIds(db: DbOrTx, ids: string[]): Promise<DeviceRow[]> {
  if (!ids.length) return [];
  return db.select().from(devices).where(inArray(devices.id, ids));
}

/** Whether this hall has a device by this id (revoked or not). */
export async function hallHasDevice(db: DbOrTx, hallId: string, deviceId: string): Promise<boolean> {
  const [known] = await db
    .select({ id: devices.id })
    .from(devices)
    .where(and(eq(devices.id, deviceId), eq(devices.hallId, hallId)));
  return !!known;
}

/** The keys locked now, the latest lock first. */
export async function listSignInLocks(db: DbOrTx, now = new Date()): Promise<SignInLock[]> {
  return db
    .select()
    .from(signInFailures)
    .where(gt(signInFailures.lockedUntil, now))
    .orderBy(desc(signInFailures.lockedUntil));
}
