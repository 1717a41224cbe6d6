import type { DbOrTx } from "../../../core/db.js";
import { AppError } from "../../../core/errors.js";
import type { CreateComplaintInput } from "../contract.js";
import { type ComplaintRow, findComplaint } from "../data.js";
import { addHistory, refreshClock } from "../mutations.js";
import { appealEligibility } from "../rules.js";
import { complaints } from "../tables.js";

export type Recorder = { userId: string; hallId: string | null; regionCode: string };

/**
 * R-CMP: records a complaint (or an appeal) from any channel. The receiver becomes its owner
 * (首问负责制); it may have been received before it is recorded, and the clock runs from receipt.
 * The ticket and prior complaint it names are checked by the route first (references.ts).
 */
export async function createComplaint(
  db: DbOrTx,
  input: CreateComplaintInput,
  by: Recorder,
  timeZone: string,
  now = new Date(),
): Promise<ComplaintRow> {
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000)
    throw new AppError("invalid_input", "receivedAt is in the future", { receivedAt: input.receivedAt });
  let appeal: Record<string, unknown> | null = null;
  if (input.kind === "appeal") {
    if (!input.appeal) throw new AppError("invalid_input", "An appeal needs its appeal details");
    const prior = input.appeal.priorComplaintId
      ? await findComplaint(db, input.appeal.priorComplaintId)
      : null;
    const ground = {
      disputeKind: input.appeal.disputeKind,
      disputeStartedAt: new Date(input.appeal.disputeStartedAt),
      priorComplaintAt:
        prior?.receivedAt ??
        (input.appeal.priorComplaintAt ? new Date(input.appeal.priorComplaintAt) : undefined),
      priorRepliedAt: prior ? prior.firstRepliedAt : null,
      priorOutcome: prior
        ? prior.satisfaction === "dissatisfied"
          ? ("dissatisfied" as const)
          : ("no_answer" as const)
        : input.appeal.priorOutcome,
    };
    const ok = appealEligibility(ground, receivedAt);
    if (!ok.ok) throw new AppError("rule_violation", ok.reason, { appeal: "not_accepted" });
    appeal = { ...input.appeal };
  }
  return db.transaction(async (tx) => {
    const [c] = await tx
      .insert(complaints)
      .values({
        kind: input.kind,
        hallId: by.hallId,
        regionCode: by.regionCode,
        ticketId: input.ticketId ?? null,
        channel: input.channel,
        customerName: input.customer.name,
        customerPhone: input.customer.phone,
        category: input.category,
        severity: input.severity,
        keyCustomer: input.keyCustomer,
        description: input.description,
        request: input.request,
        state: "received",
        ownerId: by.userId,
        recordedBy: by.userId,
        receivedAt,
        recordedAt: now,
        recordConfirmedAt: input.confirmedByCustomer ? now : null,
        appeal,
      })
      .returning();
    await addHistory(tx, c, { action: "record", from: null, to: "received", actorId: by.userId, at: now });
    if (input.confirmedByCustomer)
      await addHistory(tx, c, {
        action: "confirm-record",
        from: "received",
        to: "received",
        actorId: by.userId,
        at: new Date(now.getTime() + 1), // after "record" in the history's order
        data: { method: "read_back" },
      });
    return refreshClock(tx, c, timeZone);
  });
}
