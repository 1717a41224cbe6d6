import type { DbOrTx } from "../../../core/db.js";
import { AppError } from "../../../core/errors.js";
import type { BusinessType, Hall } from "../../halls/contract.js";
import { hallsByDistance } from "../data/divert-places.js";

/** R-CATALOG: a type this hall may not perform is refused, naming the nearest hall of the region that may. */
export async function checkBusinessAllowed(db: DbOrTx, hall: Hall, bt: BusinessType) {
  if (!bt.active) throw new AppError("rule_violation", `${bt.name} is not offered at the moment`);
  if (!bt.forbiddenHallTypes.includes(hall.type)) return;
  const [nearest] = await hallsByDistance(db, hall, bt);
  throw new AppError(
    "business_not_allowed_here",
    nearest
      ? `${bt.name}不能在${hall.name}办理，请到${nearest.h.name}（${nearest.h.address}） / ${bt.nameEn} is not available here; nearest: ${nearest.h.name}`
      : `${bt.name}不能在${hall.name}办理 / ${bt.nameEn} is not available at this hall`,
    {
      businessType: bt.code,
      nearestHall: nearest
        ? {
            id: nearest.h.id,
            name: nearest.h.name,
            address: nearest.h.address,
            distanceKm: Number.isFinite(nearest.km) ? Math.round(nearest.km * 10) / 10 : null,
          }
        : null,
    },
  );
}
