import { and, desc, eq, gte, lt } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { staffNames } from "../../users/data.js";
import { peakEpisodes } from "../tables.js";

/** A hall's peak episodes that started in [from, to), newest first, with who did what by name. */
export async function listPeakEpisodes(db: DbOrTx, hallId: string, from: Date, to: Date, now = new Date()) {
  const rows = await db
    .select()
    .from(peakEpisodes)
    .where(and(eq(peakEpisodes.hallId, hallId), gte(peakEpisodes.startedAt, from), lt(peakEpisodes.startedAt, to)))
    .orderBy(desc(peakEpisodes.startedAt))
    .limit(500);
  return presentEpisodes(db, rows, now);
}

type EpisodeRow = typeof peakEpisodes.$inferSelect;

/** Episodes as the API shows them: who did each thing by name, how long each lasted (so far). */
export async function presentEpisodes(db: DbOrTx, rows: EpisodeRow[], now = new Date()) {
  const names = await staffNames(db, [
    ...new Set(rows.flatMap((r) => r.actions.map((a) => a.byId).filter((id): id is string => id !== null))),
  ]);
  return rows.map((r) => presentEpisode(r, names, now));
}

function presentEpisode(r: EpisodeRow, names: Map<string, string>, now: Date) {
  return {
    id: r.id,
    hallId: r.hallId,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    minutes: Math.round(((r.endedAt ?? now).getTime() - r.startedAt.getTime()) / 60_000),
    peakLevel: r.peakLevel,
    peakWaiting: r.peakWaiting,
    peakAt: r.peakAt.toISOString(),
    areaNotifiedAt: r.areaNotifiedAt?.toISOString() ?? null,
    actions: r.actions.map((a) => ({ ...a, byName: a.byId ? (names.get(a.byId) ?? null) : null })),
  };
}
