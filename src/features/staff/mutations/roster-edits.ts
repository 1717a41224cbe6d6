import type { Db, DbOrTx } from "../../../core/db.js";
import { AppError, notFound } from "../../../core/errors.js";
import { getShift, getStaff, getSwap, listStaff, listTemplates, type RosterRow } from "../data.js";
import {
  addShift,
  decideSwap,
  lockRoster,
  markPublished,
  moveShift,
  recordCheck,
  removeShift,
  tellStaff,
} from "../mutations.js";
import { recheck } from "../roster-service.js";

// A manager's edits of a roster (排班 R-ROSTER), each one transaction: the change, the simulation's new
// verdict on the roster, and — once it is published — a message to each person whose shifts changed.

const CHANGED = "您的排班已调整，请在手机上查看 / Your shifts have changed";
const PUBLISHED = "本周排班已发布，请在手机上查看 / Your shifts for the week are published";

async function afterEdit(tx: DbOrTx, roster: RosterRow, touched: string[], event: string) {
  await recordCheck(tx, roster, await recheck(tx, roster));
  if (roster.state !== "published") return;
  const people = (await listStaff(tx, roster.hallId)).filter((p) => touched.includes(p.id));
  await tellStaff(tx, roster, people, CHANGED, `${event}:v${roster.version + 1}`);
}

export async function assignShift(
  db: Db,
  rosterId: string,
  body: { staffId: string; date: string; templateId: string },
) {
  await db.transaction(async (tx) => {
    const roster = await lockRoster(tx, rosterId);
    const person = await getStaff(tx, body.staffId);
    if (person.hallId !== roster.hallId) throw notFound("staff member");
    const template = (await listTemplates(tx, roster.hallId)).find((t) => t.id === body.templateId);
    if (!template) throw notFound("shift template");
    if (!roster.requirements.some((d) => d.date === body.date))
      throw new AppError("rule_violation", "The date is outside the roster's week");
    await addShift(tx, roster, {
      staffId: person.id,
      date: body.date,
      startMinute: template.startMinute,
      lengthMinutes: template.lengthMinutes,
      templateId: template.id,
    });
    await afterEdit(tx, roster, [person.id], `assign:${person.id}:${body.date}`);
  });
}

export async function unassignShift(db: Db, rosterId: string, shiftId: string) {
  await db.transaction(async (tx) => {
    const roster = await lockRoster(tx, rosterId);
    const removed = await removeShift(tx, rosterId, shiftId);
    if (!removed) throw notFound("shift");
    await afterEdit(tx, roster, [removed.staffId], `unassign:${shiftId}`);
  });
}

export async function publishRoster(db: Db, rosterId: string) {
  await db.transaction(async (tx) => {
    const roster = await lockRoster(tx, rosterId);
    if (roster.state === "published")
      throw new AppError("roster_published", "The roster is published already");
    await markPublished(tx, rosterId);
    await tellStaff(tx, roster, await listStaff(tx, roster.hallId), PUBLISHED, "published");
  });
}

/** 换班 approved: the shift changes hands, re-checked (rest, contract, skills) like any edit. */
export async function decideSwapAndApply(
  db: Db,
  swapId: string,
  decision: "approved" | "rejected",
  userId: string | null,
) {
  await db.transaction(async (tx) => {
    const swap = await getSwap(tx, swapId);
    const shift = await getShift(tx, swap.shiftId);
    const roster = await lockRoster(tx, shift.rosterId);
    await decideSwap(tx, swapId, decision, userId);
    if (decision === "rejected") return;
    if (shift.staffId !== swap.fromStaffId)
      throw new AppError("swap_decided", "The shift has changed hands since");
    await moveShift(tx, shift.id, swap.toStaffId);
    await afterEdit(tx, roster, [swap.fromStaffId, swap.toStaffId], `swap:${swapId}`);
  });
}
