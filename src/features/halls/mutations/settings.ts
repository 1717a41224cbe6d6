import { recordAudit } from "../../../core/audit.js";
import type { DbOrTx } from "../../../core/db.js";
import type { HallSettings } from "../contract.js";
import { hallCache } from "../data.js";
import { settingsChange } from "../rules.js";
import { settingsOverrides } from "../tables.js";

/**
 * Sets one level's settings (operator or region:<code>) as a whole, and puts the change on record. Every
 * hall's cached settings are dropped here at once; other instances' within the cache's two seconds.
 */
export async function setSettingsLevel(
  db: DbOrTx,
  scope: string,
  before: HallSettings,
  settings: HallSettings,
  actorId: string | null,
) {
  const [row] = await db
    .insert(settingsOverrides)
    .values({ scope, settings, updatedBy: actorId, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: settingsOverrides.scope,
      set: { settings, updatedBy: actorId, updatedAt: new Date() },
    })
    .returning();
  await auditSettings(db, scope, before, settings, actorId, null);
  hallCache.forget(db);
  return row;
}

/** A settings level changed (operator, region:<code>, hall:<id>): on record with what changed. */
export async function auditSettings(
  db: DbOrTx,
  scope: string,
  before: HallSettings,
  after: HallSettings,
  actorId: string | null,
  hallId: string | null,
) {
  const change = settingsChange(before, after);
  if (change)
    await recordAudit(db, {
      actorId,
      action: "settings_changed",
      subjectType: "settings",
      subjectId: scope,
      reason: change,
      hallId,
    });
}
