import { can, type Principal, roleScope } from "../../core/access.js";
import { addDays } from "../../core/calendar.js";
import type { CampaignAction, CampaignProduct, CampaignState, CampaignWarning } from "./contract.js";

// R-CAMPAIGN rules, pure: which halls a campaign covers, when too many overlap in a hall, when two say
// different things about one product, and what a person may do with one.

export const DEFAULT_MAX_OVERLAPPING = 3;

export type CampaignLike = {
  id: string;
  name: string;
  from: string;
  to: string;
  hallIds: string[] | null;
  regionCode: string | null;
  products: CampaignProduct[];
  state: CampaignState;
};
export type HallRef = { id: string; name: string; regionCode: string; maxOverlapping?: number };

/** Whether a campaign is for a hall: named in its list, in its region, or operator-wide (neither). */
export const covers = (
  c: Pick<CampaignLike, "hallIds" | "regionCode">,
  hall: Pick<HallRef, "id" | "regionCode">,
) => (c.hallIds ? c.hallIds.includes(hall.id) : c.regionCode ? c.regionCode === hall.regionCode : true);

const overlaps = (a: Pick<CampaignLike, "from" | "to">, b: Pick<CampaignLike, "from" | "to">) =>
  a.from <= b.to && b.from <= a.to;

/** In force at a hall on a day: approved, for that hall, the day inside its period. */
export const inForce = (c: CampaignLike, hall: Pick<HallRef, "id" | "regionCode">, date: string) =>
  c.state === "approved" && covers(c, hall) && c.from <= date && date <= c.to;

const sameWords = (a: string, b: string) => a.replace(/\s+/g, "") === b.replace(/\s+/g, "");

/**
 * The warnings of one campaign against the others (drafts and approved; withdrawn ones do not count):
 * per hall, the first day more than its limit are in force at once (with the most at once and which), and
 * each product another campaign in a shared hall and day offers with other wording.
 */
export function campaignWarnings(
  target: CampaignLike,
  all: CampaignLike[],
  halls: HallRef[],
): CampaignWarning[] {
  const others = all.filter((o) => o.id !== target.id && o.state !== "withdrawn" && overlaps(o, target));
  const mine = halls.filter((h) => covers(target, h));
  const warnings: CampaignWarning[] = [];
  for (const hall of mine) {
    const limit = hall.maxOverlapping ?? DEFAULT_MAX_OVERLAPPING;
    const here = others.filter((o) => covers(o, hall));
    if (here.length + 1 <= limit) continue;
    let first: string | null = null;
    let most = 0;
    let ids: string[] = [];
    for (let d = target.from; d <= target.to; d = addDays(d, 1)) {
      const on = here.filter((o) => o.from <= d && d <= o.to);
      if (on.length + 1 <= limit) continue;
      first ??= d;
      if (on.length + 1 > most) {
        most = on.length + 1;
        ids = [target.id, ...on.map((o) => o.id)];
      }
    }
    if (first)
      warnings.push({
        kind: "overlap",
        hallId: hall.id,
        hallName: hall.name,
        date: first,
        count: most,
        limit,
        campaignIds: ids,
      });
  }
  for (const o of others) {
    if (!mine.some((h) => covers(o, h))) continue;
    for (const p of target.products) {
      const theirs = o.products.find((q) => q.code === p.code);
      if (theirs && !sameWords(theirs.pitch, p.pitch))
        warnings.push({
          kind: "wording",
          productCode: p.code,
          campaignId: o.id,
          campaignName: o.name,
          pitch: theirs.pitch,
        });
    }
  }
  return warnings;
}

/** Whether every hall of the campaign is in the person's scope (they may change or approve it). */
export function manages(
  principal: Principal,
  c: Pick<CampaignLike, "hallIds" | "regionCode">,
  halls: HallRef[],
) {
  if (principal.kind !== "user") return false;
  const scope = roleScope[principal.role];
  if (scope === "operator") return true;
  if (scope === "region") {
    if (c.hallIds)
      return c.hallIds.every((id) => halls.find((h) => h.id === id)?.regionCode === principal.regionCode);
    return c.regionCode !== null && c.regionCode === principal.regionCode;
  }
  return c.hallIds !== null && c.hallIds.length > 0 && c.hallIds.every((id) => id === principal.hallId);
}

/** Whether the campaign is for any hall in the person's scope (they see it on their calendar). */
export function sees(
  principal: Principal,
  c: Pick<CampaignLike, "hallIds" | "regionCode">,
  halls: HallRef[],
) {
  if (principal.kind !== "user") return false;
  const scope = roleScope[principal.role];
  if (scope === "operator") return true;
  const theirs = halls.filter((h) =>
    scope === "region" ? h.regionCode === principal.regionCode : h.id === principal.hallId,
  );
  return theirs.some((h) => covers(c, h));
}

export function allowedCampaignActions(
  principal: Principal | undefined,
  c: CampaignLike,
  halls: HallRef[],
): CampaignAction[] {
  if (!principal || !manages(principal, c, halls)) return [];
  const out: CampaignAction[] = [];
  if (c.state === "draft" && can(principal, "campaign.manage")) out.push("edit");
  if (c.state === "draft" && can(principal, "campaign.approve")) out.push("approve");
  if (c.state !== "withdrawn" && can(principal, "campaign.manage")) out.push("withdraw");
  return out;
}
