import { describe, expect, it } from "vitest";
import { fillHalfHours, halfHourSlot, share } from "./rules.js";

describe("reports rules", () => {
  it("should name the half hour a minute of the day falls in", () => {
    expect(halfHourSlot(0)).toBe("00:00");
    expect(halfHourSlot(9 * 60 + 29)).toBe("09:00");
    expect(halfHourSlot(9 * 60 + 30)).toBe("09:30");
    expect(halfHourSlot(23 * 60 + 59)).toBe("23:30");
  });

  it("should fill the gaps between arrivals with empty half hours, up to now", () => {
    const rows = fillHalfHours(
      [
        { slot: 18, arrivals: 3, meanWaitSeconds: 120 },
        { slot: 20, arrivals: 1, meanWaitSeconds: null },
      ],
      17,
      21,
    );
    expect(rows.map((r) => r.slot)).toEqual(["08:30", "09:00", "09:30", "10:00", "10:30"]);
    expect(rows.map((r) => r.arrivals)).toEqual([0, 3, 0, 1, 0]);
  });

  it("should have no share of nothing", () => {
    expect(share(1, 0)).toBeNull();
    expect(share(3, 4)).toBe(0.75);
  });
});
