import { describe, expect, it } from "vitest";
import type { Principal } from "../../core/access.js";
import { allowedBlindSpotActions } from "./rules.js";

const user = (role: string, regionCode: string | null): Principal =>
  ({
    kind: "user",
    id: "00000000-0000-4000-8000-000000000001",
    username: role,
    displayName: role,
    role,
    hallId: null,
    regionCode,
  }) as Principal;

describe("blind-spot actions (R-INTEL)", () => {
  const reported = { status: "reported", areaCode: "R1" } as const;

  it("should let the area's manager forward a reported spot and answer a forwarded one", () => {
    expect(allowedBlindSpotActions(user("area_manager", "R1"), reported)).toEqual(["forward"]);
    expect(allowedBlindSpotActions(user("area_manager", "R1"), { ...reported, status: "forwarded" })).toEqual(
      ["answer"],
    );
    expect(allowedBlindSpotActions(user("operator_admin", null), reported)).toEqual(["forward"]);
  });

  it("should offer nothing when the spot is answered, of another area, or the reader only reads", () => {
    expect(allowedBlindSpotActions(user("area_manager", "R1"), { ...reported, status: "answered" })).toEqual(
      [],
    );
    expect(allowedBlindSpotActions(user("area_manager", "R2"), reported)).toEqual([]);
    expect(allowedBlindSpotActions(user("inspector", null), reported)).toEqual([]);
    expect(allowedBlindSpotActions(user("rural_agent", "R1"), reported)).toEqual([]);
    expect(allowedBlindSpotActions(undefined, reported)).toEqual([]);
  });
});
