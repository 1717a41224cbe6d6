import type { Principal } from "../../core/access.js";
import type { BlindSpotStatus } from "../customers/contract.js";
import { authorizeField } from "../customers/scope.js";
import type { BlindSpotAction } from "./contract.js";

// What a blind-spot report allows next: a reported one is forwarded to the network department, a
// forwarded one gets its answer. Both are the area's manager's (field.manage in its area, R-INTEL).

const next: Record<BlindSpotStatus, BlindSpotAction | null> = {
  reported: "forward",
  forwarded: "answer",
  answered: null,
};

/** The actions the principal may take on the report now: the routes' own check, asked without throwing. */
export function allowedBlindSpotActions(
  principal: Principal | undefined,
  spot: { status: BlindSpotStatus; areaCode: string },
): BlindSpotAction[] {
  const action = next[spot.status];
  if (!action) return [];
  try {
    authorizeField(principal, "field.manage", spot.areaCode);
  } catch {
    return [];
  }
  return [action];
}
