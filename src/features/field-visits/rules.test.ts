import { describe, expect, it } from "vitest";
import type { Principal } from "../../core/access.js";
import { opportunityControls } from "./rules.js";

const user = (role: string, regionCode: string | null): Principal =>
  ({
    kind: "user",
    id: "u1",
    username: role,
    displayName: role,
    role,
    hallId: null,
    regionCode,
  }) as Principal;

describe("opportunity controls (R-OPP)", () => {
  it("should let the area's agent correct an open opportunity and move it forward or to lost", () => {
    expect(opportunityControls(user("rural_agent", "R1"), "proposal", "R1")).toEqual({
      allowedActions: ["edit", "move"],
      allowedStages: ["negotiation", "won", "lost"],
    });
  });

  it("should offer nothing on a closed opportunity, another area's, or to a reader", () => {
    const none = { allowedActions: [], allowedStages: [] };
    expect(opportunityControls(user("rural_agent", "R1"), "won", "R1")).toEqual(none);
    expect(opportunityControls(user("rural_agent", "R2"), "new", "R1")).toEqual(none);
    expect(opportunityControls(user("inspector", null), "new", "R1")).toEqual(none);
  });
});
