import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { AppError } from "../../../core/errors.js";
import { enqueueMessage } from "../../../core/outbox.js";
import type { Hall } from "../../halls/contract.js";
import { activeStaff } from "../../users/data.js";
import { type PeakEpisodeAction, peakEpisodes } from "../tables.js";

// R-PEAK episodes, moved on in the transaction that changes the hall's level (effects.ts applyPeak, which
// holds the hall's peak_states row, so two changes never move one hall's episode at once).

const open = (hallId: string) => and(eq(peakEpisodes.hallId, hallId), isNull(peakEpisodes.endedAt));

/** The level went from `previous` to `level` with `waiting` in line: start, raise or end the episode. */
export async function advanceEpisode(
  tx: DbOrTx,
  hall: Hall,
  change: { previous: number; level: number; waiting: number },
) {
  const { previous, level, waiting } = change;
  if (level === 0) {
    await tx.update(peakEpisodes).set({ endedAt: new Date() }).where(open(hall.id));
    return;
  }
  if (previous === 0)
    await tx
      .insert(peakEpisodes)
      .values({ hallId: hall.id, peakLevel: level, peakWaiting: waiting })
      .onConflictDoNothing();
  else
    await tx
      .update(peakEpisodes)
      .set({ peakLevel: level, peakWaiting: waiting, peakAt: new Date() })
      .where(and(open(hall.id), sql`${peakEpisodes.peakLevel} < ${level}`));
  if (level === 3) await notifyAreaOnce(tx, hall, waiting);
}

// Level 3 (IP): the area manager hears of it through the outbox — once per episode, however often the
// level falls to 2 and rises again while it lasts.
async function notifyAreaOnce(tx: DbOrTx, hall: Hall, waiting: number) {
  const [episode] = await tx
    .update(peakEpisodes)
    .set({ areaNotifiedAt: new Date() })
    .where(and(open(hall.id), isNull(peakEpisodes.areaNotifiedAt)))
    .returning({ id: peakEpisodes.id });
  if (!episode) return;
  const area = await activeStaff(tx, { role: "area_manager", regionCode: hall.regionCode });
  for (const m of area)
    await enqueueMessage(tx, {
      channel: "sms",
      recipient: `user:${m.id}`,
      hallId: hall.id,
      body: `【高峰三级预警】${hall.name}排队${waiting}人，请协调增援或引导客户去附近网点。`,
      payload: { kind: "peak_level3", episodeId: episode.id },
      dedupeKey: `peak3:${episode.id}:user:${m.id}`,
    });
}

/**
 * Adds what was done to the hall's episode in progress (a counter opened, a recorded action). `required`:
 * no episode is an error (a recorded action), not a no-op (a counter opened on a quiet day).
 */
export async function recordPeakAction(
  tx: DbOrTx,
  hallId: string,
  action: Omit<PeakEpisodeAction, "at">,
  required = false,
) {
  const entry: PeakEpisodeAction = { ...action, at: new Date().toISOString() };
  const [episode] = await tx
    .update(peakEpisodes)
    .set({ actions: sql`${peakEpisodes.actions} || ${JSON.stringify([entry])}::jsonb` })
    .where(open(hallId))
    .returning();
  if (!episode && required)
    throw new AppError("illegal_state", "No peak is in progress at this hall", { state: "no_peak" });
  return episode ?? null;
}
