import { coversHall, type Principal, roleScope } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { AppError, forbidden } from "../../core/errors.js";
import { getHall } from "../halls/data.js";
import { SCOPE } from "./survey-rules.js";

// The scopes quality figures are read for (operator, region:<code>, hall:<id>) against the caller's reach.

/** The scope a person reads when they name none: the operator, their region, their hall. */
export function ownScope(p: Principal): string {
  if (p.kind === "device") throw forbidden();
  const level = roleScope[p.role];
  if (level === "operator") return "operator";
  if (level === "region") return `region:${p.regionCode ?? ""}`;
  return `hall:${p.hallId ?? ""}`;
}

/** Whether the caller may read a scope: the operator's anywhere, a region's within it, a hall's its own. */
export async function checkScope(db: DbOrTx, p: Principal, scope: string) {
  if (!SCOPE.test(scope)) throw new AppError("invalid_input", "scope: operator, region:<code> or hall:<id>");
  if (p.kind === "device") throw forbidden();
  const level = roleScope[p.role];
  if (scope === "operator") {
    if (level !== "operator") throw forbidden("The operator's figures are outside your scope");
  } else if (scope.startsWith("region:")) {
    if (level === "hall" || (level === "region" && scope !== `region:${p.regionCode}`))
      throw forbidden("This region is outside your scope");
  } else {
    const hall = await getHall(db, scope.slice("hall:".length));
    if (!coversHall(p, hall)) throw forbidden("This hall is outside your scope");
  }
}
