import { authorize, type Capability, type Principal, roleScope } from "../../core/access.js";
import { forbidden } from "../../core/errors.js";

// Field data is scoped by region (片区): a rural agent or area manager sees and changes only the
// customers, villages and reports of their own region; the operator's roles see every region.
export type FieldScope = { regionCode: string | null; userId: string | null; role: string };

export function fieldScope(principal: Principal): FieldScope {
  if (principal.kind !== "user") throw forbidden();
  const scope = roleScope[principal.role];
  if (scope === "hall") throw forbidden();
  if (scope === "region" && !principal.regionCode) throw forbidden("Your account has no region");
  return {
    regionCode: scope === "region" ? principal.regionCode : null,
    userId: principal.id,
    role: principal.role,
  };
}

/** authorize() for field routes: the capability, then the region of the thing touched (if any). */
export function authorizeField(
  principal: Principal | undefined,
  capability: Capability,
  regionCode?: string,
): FieldScope {
  const scope = fieldScope(authorize(principal, capability));
  if (regionCode !== undefined && !covers(scope, regionCode))
    throw forbidden("This area is outside your scope");
  return scope;
}

export const covers = (scope: FieldScope, regionCode: string) =>
  scope.regionCode === null || scope.regionCode === regionCode;
