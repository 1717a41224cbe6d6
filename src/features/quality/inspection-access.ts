import { coversHall, type Principal, roleScope } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { forbidden } from "../../core/errors.js";
import { assignedHallIds } from "./data/inspections.js";

// Whose inspections a person reads (R-MYSTERY): an inspector the halls ever assigned to them (operator-wide
// as their role is, they see only their own work); everyone else the halls of their scope.
export function inspectionReach(db: DbOrTx) {
  async function readable(p: Principal): Promise<{ hallIds?: string[]; regionCode?: string }> {
    if (p.kind === "device") throw forbidden();
    if (p.role === "inspector") return { hallIds: await assignedHallIds(db, p.id) };
    const level = roleScope[p.role];
    if (level === "operator") return {};
    if (level === "region") return { regionCode: p.regionCode ?? "" };
    return { hallIds: p.hallId ? [p.hallId] : [] };
  }
  async function mayRead(p: Principal, hall: { id: string; regionCode: string }) {
    if (!coversHall(p, hall)) return false;
    const r = await readable(p);
    return !r.hallIds || r.hallIds.includes(hall.id);
  }
  return { readable, mayRead };
}
