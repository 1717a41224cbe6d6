import { describe, expect, it } from "vitest";
import {
  DEFAULT_SITE_ITEMS,
  judgeDevices,
  judgeItem,
  judgeOpening,
  missingNotices,
  mustNotify,
  postedOpening,
} from "./rules.js";

const item = (code: string) => DEFAULT_SITE_ITEMS.find((i) => i.code === code)!;
const tz = "Asia/Shanghai";
const at = (hhmm: string, day = "2026-12-07") => new Date(`${day}T${hhmm}:00+08:00`);
const weekdays = [{ weekdays: [1, 2, 3, 4, 5], open: "09:00", close: "18:00" }];

describe("site check items (R-SITE, R-SITE-ITEMS)", () => {
  it("should fail a temperature of 27.5 °C and pass 24, 25 and 26", () => {
    const hot = judgeItem(item("temperature"), { code: "temperature", value: 27.5, ok: true });
    expect(hot).toMatchObject({ ok: false, value: 27.5, min: 24, max: 26 });
    expect(hot?.reason).toContain("27.5°C");
    for (const value of [24, 25, 26])
      expect(judgeItem(item("temperature"), { code: "temperature", value })?.ok).toBe(true);
    expect(judgeItem(item("temperature"), { code: "temperature", value: 23.9 })?.ok).toBe(false);
  });

  it("should take the person's tick for an item without a range, and nothing for an empty entry", () => {
    expect(judgeItem(item("water"), { code: "water", ok: false, note: "没有纸杯" })).toMatchObject({
      ok: false,
      note: "没有纸杯",
      auto: false,
    });
    expect(judgeItem(item("clean"), { code: "clean" })).toBeNull();
  });

  it("should judge the opening by the first ticket against the posted hours, with 15 minutes' grace", () => {
    const o = item("opening");
    // 2026-12-07 is a Monday.
    expect(postedOpening(weekdays, 1)).toBe(9 * 60);
    expect(postedOpening(weekdays, 6)).toBeNull();
    const judge = (checkAt: string, first: string | null, ok?: boolean) =>
      judgeOpening(o, ok === undefined ? undefined : { code: "opening", ok }, {
        at: at(checkAt),
        hours: weekdays,
        firstTicketAt: first ? at(first) : null,
        timeZone: tz,
      });
    expect(judge("09:30", "09:10")).toMatchObject({
      ok: true,
      auto: true,
      reason: "首张票 09:10，公示开门 09:00",
    });
    expect(judge("09:40", "09:27")).toMatchObject({ ok: false, reason: "首张票 09:27，晚于公示开门 09:00" });
    expect(judge("09:20", null)).toMatchObject({ ok: false });
    expect(judge("09:05", null)).toMatchObject({ ok: true });
    // The person saw the door open late: that stands even with an early ticket (a kiosk left on).
    expect(judge("09:30", "09:01", false).ok).toBe(false);
    // Saturday: no posted hours, nothing to be late for.
    const saturday = judgeOpening(o, undefined, {
      at: at("10:00", "2026-12-12"),
      hours: weekdays,
      firstTicketAt: null,
      timeZone: tz,
    });
    expect(saturday).toMatchObject({ ok: true, reason: "今日无公示营业时间" });
    // Round the clock: nothing to be late for, whenever the first ticket came.
    const allDay = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }];
    const always = judgeOpening(o, undefined, {
      at: at("22:30"),
      hours: allDay,
      firstTicketAt: at("22:29"),
      timeZone: tz,
    });
    expect(always).toMatchObject({ ok: true, reason: "全天营业" });
  });

  it("should fail the devices item for a display silent for more than ten minutes", () => {
    const now = at("10:00");
    const devices = [
      { id: "a", kind: "kiosk" as const, label: "取号机", lastSeenAt: at("09:58") },
      { id: "b", kind: "display" as const, label: "叫号屏", lastSeenAt: at("09:45") },
      { id: "c", kind: "pad" as const, label: "1号评价器", lastSeenAt: null },
    ];
    const j = judgeDevices(item("devices"), undefined, devices, now);
    expect(j.ok).toBe(false);
    expect(j.devices?.map((d) => [d.id, d.silent])).toEqual([
      ["a", false],
      ["b", true],
      ["c", true],
    ]);
    expect(j.reason).toContain("叫号屏、1号评价器");
    expect(judgeDevices(item("devices"), undefined, devices.slice(0, 1), now).ok).toBe(true);
  });
});

describe("incidents (突发事件)", () => {
  it("should ask a serious disturbance to be told to the police and the security department (HM ch.7 §23)", () => {
    expect(mustNotify({ kind: "disturbance", severity: "serious" })).toEqual(["police", "security"]);
    expect(mustNotify({ kind: "medical", severity: "serious" })).toEqual(["security"]);
    expect(mustNotify({ kind: "disturbance", severity: "ordinary" })).toEqual([]);
    const i = {
      kind: "disturbance" as const,
      severity: "serious",
      policeNotifiedAt: new Date(),
      securityNotifiedAt: null,
    };
    expect(missingNotices(i)).toEqual(["security"]);
  });
});
