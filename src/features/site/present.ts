import type { Principal } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { staffNames } from "../users/data.js";
import type { SiteTask } from "./contract.js";
import type { SiteTaskRow } from "./data.js";
import { allowedTaskActions } from "./rules.js";

/** Tasks as the person sees them: the owner's name, whether overdue, what they may do with each. */
export async function presentTasks(
  db: DbOrTx,
  principal: Principal | undefined,
  rows: SiteTaskRow[],
  now = new Date(),
) {
  const names = await staffNames(db, [...new Set(rows.map((t) => t.ownerId))]);
  return rows.map(
    (t): SiteTask => ({
      id: t.id,
      hallId: t.hallId,
      checkId: t.checkId,
      item: t.item,
      deviceId: t.deviceId,
      title: t.title,
      ownerId: t.ownerId,
      ownerName: names.get(t.ownerId) ?? null,
      dueAt: t.dueAt.toISOString(),
      overdue: t.state === "open" && t.dueAt < now,
      state: t.state,
      createdAt: t.createdAt.toISOString(),
      doneAt: t.doneAt?.toISOString() ?? null,
      doneBy: t.doneBy,
      doneNote: t.doneNote,
      allowedActions: allowedTaskActions(principal, t),
    }),
  );
}
