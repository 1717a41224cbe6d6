import { authorize, type Capability, mustBelong, type Principal, roleScope } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { AppError, forbidden } from "../../core/errors.js";
import { getHall } from "./data.js";

/** Where a new record (a complaint, a fault) belongs: one hall, or a region when it is no hall's. */
export type Place = { hallId: string | null; regionCode: string };

/**
 * The place of a record a person files: the hall named, else the person's own hall, else the region
 * named or the person's own. Both must be theirs (403), and a region named beside a hall must be that
 * hall's (422): a hall's staff member cannot file into another region by naming it.
 */
export async function placeOf(
  db: DbOrTx,
  p: Principal & { kind: "user" },
  capability: Capability,
  named: { hallId?: string; regionCode?: string },
): Promise<Place> {
  const hallId = named.hallId ?? (roleScope[p.role] === "hall" ? p.hallId : null);
  if (hallId) {
    const hall = await getHall(db, hallId);
    authorize(p, capability, hall);
    mustBelong(
      named.regionCode === undefined || named.regionCode === hall.regionCode,
      `${hall.name} is in region ${hall.regionCode}, not ${named.regionCode}`,
      { regionCode: named.regionCode },
    );
    return { hallId: hall.id, regionCode: hall.regionCode };
  }
  if (roleScope[p.role] === "hall") throw forbidden("Your account has no hall");
  const region = named.regionCode ?? p.regionCode;
  if (!region) throw new AppError("invalid_input", "Name the hall or region");
  if (roleScope[p.role] === "region" && region !== p.regionCode)
    throw forbidden("This region is outside your scope");
  return { hallId: null, regionCode: region };
}
