import { can, coversHall, type Principal, roleScope } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { forbidden } from "../../core/errors.js";
import { findHall, listHalls } from "../halls/data.js";
import type { TestRow } from "./data.js";

// Whom a test is for, and who sees what of it: a test is for one hall, a region's halls, or (both null)
// every hall; a person sees the tests of the halls their scope covers.

/** Whether a test is for this hall. */
export const isFor = (t: Pick<TestRow, "hallId" | "regionCode">, hall: { id: string; regionCode: string }) =>
  t.hallId ? t.hallId === hall.id : t.regionCode ? t.regionCode === hall.regionCode : true;

/** Whether the person's scope meets the test's: a hall's person their hall's tests; above, any of theirs. */
export async function sees(db: DbOrTx, p: Principal, t: Pick<TestRow, "hallId" | "regionCode">) {
  if (p.kind !== "user") return false;
  switch (roleScope[p.role]) {
    case "operator":
      return true;
    case "region":
      if (t.hallId) return (await findHall(db, t.hallId))?.regionCode === p.regionCode;
      return !t.regionCode || t.regionCode === p.regionCode;
    case "hall": {
      const hall = p.hallId ? await findHall(db, p.hallId) : null;
      return !!hall && isFor(t, hall);
    }
  }
}

/** The halls whose people's attempts and plans the person reads (null: every hall). */
export async function hallsReadBy(db: DbOrTx, p: Principal): Promise<string[] | null> {
  if (p.kind !== "user" || !can(p, "training.manage")) return [];
  const scope = roleScope[p.role];
  if (scope === "operator") return null;
  if (scope === "hall") return p.hallId ? [p.hallId] : [];
  return (await listHalls(db, { regionCode: p.regionCode ?? "" }))
    .filter((h) => coversHall(p, h))
    .map((h) => h.id);
}

/** Where a new test applies: the hall or region named (in the person's scope), else their own. */
export function scopeOfNewTest(
  p: Principal,
  input: { hallId?: string; regionCode?: string },
): { hallId: string | null; regionCode: string | null } {
  if (p.kind !== "user") throw forbidden();
  const scope = roleScope[p.role];
  if (input.hallId) return { hallId: input.hallId, regionCode: null };
  if (input.regionCode) {
    if (!(scope === "operator" || (scope === "region" && p.regionCode === input.regionCode)))
      throw forbidden("This region is outside your scope");
    return { hallId: null, regionCode: input.regionCode };
  }
  if (scope === "hall") {
    if (!p.hallId) throw forbidden();
    return { hallId: p.hallId, regionCode: null };
  }
  return { hallId: null, regionCode: scope === "region" ? p.regionCode : null };
}
