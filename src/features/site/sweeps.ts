import type { AppContext } from "../../core/context.js";
import type { Db } from "../../core/db.js";
import { paced } from "../../core/sweeper.js";
import { findHall } from "../halls/data.js";
import { isOpenAt } from "../halls/rules.js";
import { devicesByIds, quietDevices } from "../users/data.js";
import { defaultOwner, openDeviceTasksAll } from "./data.js";
import { closeDeviceTasks, raiseDeviceTask } from "./mutations.js";
import { DEVICE_SILENT_MINUTES, DEVICE_TASK_DUE_MINUTES, deviceTaskTitle } from "./rules.js";

const MINUTE = 60_000;
/** A device quiet longer than this is left to the next site check (it was tasked when it went quiet). */
const LOOK_BACK_DAYS = 7;

/**
 * R-SITE: a kiosk, display or pad that goes quiet while its hall is open raises a task by itself, and the
 * task closes by itself when the device is heard from again (or is revoked). A hall that has just opened
 * gives its devices DEVICE_SILENT_MINUTES to come up. Reads only the quiet devices (a partial index) and
 * the open device tasks.
 */
export async function sweepDevices(db: Db, timeZone: string, now = new Date()) {
  let raised = 0;
  const quiet = await quietDevices(db, {
    since: new Date(now.getTime() - LOOK_BACK_DAYS * 86_400_000),
    before: new Date(now.getTime() - DEVICE_SILENT_MINUTES * MINUTE),
  });
  const open = await openDeviceTasksAll(db);
  const tasked = new Set(open.map((t) => t.deviceId));
  for (const d of quiet) {
    if (tasked.has(d.id)) continue;
    const hall = await findHall(db, d.hallId);
    const settled = new Date(now.getTime() - DEVICE_SILENT_MINUTES * MINUTE);
    if (
      !hall ||
      !isOpenAt(hall.openingHours, now, timeZone) ||
      !isOpenAt(hall.openingHours, settled, timeZone)
    )
      continue;
    const ownerId = await defaultOwner(db, hall);
    if (!ownerId) continue;
    const row = await raiseDeviceTask(db, hall.id, hall.name, {
      item: "devices",
      title: deviceTaskTitle(d),
      ownerId,
      dueAt: new Date(now.getTime() + DEVICE_TASK_DUE_MINUTES * MINUTE),
      deviceId: d.id,
    });
    if (row) raised++;
  }
  const devices = new Map(
    (
      await devicesByIds(
        db,
        [...tasked].flatMap((id) => (id ? [id] : [])),
      )
    ).map((d) => [d.id, d]),
  );
  const done = open.flatMap((t) => {
    const d = t.deviceId ? devices.get(t.deviceId) : undefined;
    if (!d || d.revokedAt) return [{ id: t.id, note: "设备已停用" }];
    if (d.lastSeenAt && d.lastSeenAt > t.createdAt) return [{ id: t.id, note: "设备已恢复连接" }];
    return [];
  });
  return raised + (await closeDeviceTasks(db, done, now));
}

export function registerSiteSweeps(ctx: AppContext) {
  ctx.sweeper.add({
    name: "site-devices",
    run: paced(MINUTE, () => sweepDevices(ctx.db, ctx.env.TINGWU_TIMEZONE)),
  });
}
