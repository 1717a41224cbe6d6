import type { z } from "zod";
import { capabilitiesOf, type Principal, roleScope, roles } from "../../core/access.js";
import type { meSchema } from "./contract.js";

export type Me = z.infer<typeof meSchema>;

/** The answer to "who am I": the principal, what it may do and where (GET /api/auth/me, sign-in). */
export function meOf(principal: Principal, csrfToken: string | null): Me {
  // As scopeOf (access.ts) reads it: a hall's people their hall, a region's people their region.
  const kind: Me["scope"]["kind"] = principal.kind === "device" ? "device" : roleScope[principal.role];
  const scope = {
    kind,
    hallId: kind === "device" || kind === "hall" ? principal.hallId : null,
    regionCode: principal.kind === "user" && kind === "region" ? principal.regionCode : null,
  };
  return {
    principal,
    capabilities: capabilitiesOf(principal),
    scope,
    roles: roles.map((role) => ({ role, scope: roleScope[role] })),
    csrfToken,
  };
}
