import { describe, expect, it } from "vitest";
import { offPeakHours, openHoursAhead } from "./divert-rules.js";

// R-DIVERT 错峰办理: the quietest hours still ahead, from the hall's own history of the same weekday.
describe("off-peak hours", () => {
  const hours = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "09:00", close: "19:00" }];
  // Friday 4 December 2026, 14:20: today's whole hours ahead are 15:00–19:00.
  const now = { date: "2026-12-04", minutes: 14 * 60 + 20 };

  it("should list the whole open hours ahead today, then tomorrow's", () => {
    const ahead = openHoursAhead(hours, now);
    expect(ahead.slice(0, 4).map((h) => [h.date, h.hour])).toEqual([
      ["2026-12-04", 15],
      ["2026-12-04", 16],
      ["2026-12-04", 17],
      ["2026-12-04", 18],
    ]);
    expect(ahead[4]).toEqual({ date: "2026-12-05", weekday: 6, hour: 9 });
    expect(ahead).toHaveLength(4 + 10);
  });

  it("should name the two quietest hours of today by the same weekday's mean, in time order", () => {
    // Two past Fridays (27 Nov, 20 Nov) and a Thursday that must not count.
    const arrivals = [
      { date: "2026-11-27", startMinute: 15 * 60, arrivals: 30 },
      { date: "2026-11-27", startMinute: 16 * 60 + 30, arrivals: 4 },
      { date: "2026-11-20", startMinute: 16 * 60, arrivals: 2 },
      { date: "2026-11-27", startMinute: 17 * 60, arrivals: 20 },
      { date: "2026-11-20", startMinute: 18 * 60, arrivals: 10 },
      { date: "2026-11-26", startMinute: 18 * 60, arrivals: 0 },
      { date: "2026-11-26", startMinute: 17 * 60, arrivals: 99 },
    ];
    const slots = offPeakHours({
      ahead: openHoursAhead(hours, now),
      arrivals,
      historyDates: ["2026-11-20", "2026-11-26", "2026-11-27"],
    });
    // Means over two Fridays: 15h 15, 16h 3, 17h 10, 18h 5.
    expect(slots).toEqual([
      { date: "2026-12-04", from: "16:00", to: "17:00", meanArrivals: 3 },
      { date: "2026-12-04", from: "18:00", to: "19:00", meanArrivals: 5 },
    ]);
  });

  it("should look at tomorrow when today is nearly over, and say nothing without history", () => {
    const late = openHoursAhead(hours, { date: "2026-12-04", minutes: 17 * 60 + 40 });
    const slots = offPeakHours({
      ahead: late,
      arrivals: [{ date: "2026-11-28", startMinute: 10 * 60, arrivals: 1 }],
      historyDates: ["2026-11-27", "2026-11-28"],
    });
    // Only 18:00 is left today: tomorrow's hours join it; of the quiet ones the earliest come first.
    expect(slots.map((s) => `${s.date} ${s.from}`)).toEqual(["2026-12-04 18:00", "2026-12-05 09:00"]);
    expect(offPeakHours({ ahead: late, arrivals: [], historyDates: [] })).toEqual([]);
  });
});
