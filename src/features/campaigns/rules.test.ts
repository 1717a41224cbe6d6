import { describe, expect, it } from "vitest";
import { type CampaignLike, campaignWarnings, covers, type HallRef, inForce } from "./rules.js";

const halls: HallRef[] = [
  { id: "h1", name: "陆家嘴自营厅", regionCode: "SH-PD" },
  { id: "h2", name: "世纪大道自营厅", regionCode: "SH-PD", maxOverlapping: 5 },
  { id: "h3", name: "徐家汇自营厅", regionCode: "SH-XH" },
];
const campaign = (id: string, from: string, to: string, more: Partial<CampaignLike> = {}): CampaignLike => ({
  id,
  name: `活动${id}`,
  from,
  to,
  hallIds: null,
  regionCode: "SH-PD",
  products: [],
  state: "approved",
  ...more,
});

describe("campaign rules (R-CAMPAIGN)", () => {
  it("should cover named halls, a region's halls, or every hall", () => {
    expect(covers({ hallIds: ["h1"], regionCode: null }, halls[0])).toBe(true);
    expect(covers({ hallIds: ["h1"], regionCode: null }, halls[1])).toBe(false);
    expect(covers({ hallIds: null, regionCode: "SH-PD" }, halls[2])).toBe(false);
    expect(covers({ hallIds: null, regionCode: null }, halls[2])).toBe(true);
  });

  it("should warn at the fourth campaign in force in a hall on one day, naming the first such day", () => {
    const three = [
      campaign("a", "2026-12-01", "2026-12-31"),
      campaign("b", "2026-12-10", "2026-12-20"),
      campaign("c", "2026-12-15", "2026-12-16", { hallIds: ["h1"], regionCode: null }),
    ];
    // A third campaign alone is within the default limit of 3.
    expect(campaignWarnings(three[2], three, halls)).toEqual([]);
    const fourth = campaign("d", "2026-12-12", "2026-12-18");
    const warnings = campaignWarnings(fourth, [...three, fourth], halls);
    // h1: a, b, c and d are all in force on 15–16 December; h2's limit is 5; h3 is another region.
    expect(warnings).toEqual([
      {
        kind: "overlap",
        hallId: "h1",
        hallName: "陆家嘴自营厅",
        date: "2026-12-15",
        count: 4,
        limit: 3,
        campaignIds: ["d", "a", "b", "c"],
      },
    ]);
    // A withdrawn campaign does not count, and one whose days do not meet is no overlap.
    const quiet = [...three.slice(0, 2), { ...three[2], state: "withdrawn" as const }, fourth];
    expect(campaignWarnings(fourth, quiet, halls)).toEqual([]);
    expect(campaignWarnings(campaign("e", "2027-01-01", "2027-01-05"), [...three, fourth], halls)).toEqual(
      [],
    );
  });

  it("should warn when a product is offered in a shared hall and period with other words", () => {
    const pitch = (code: string, words: string) => [{ code, name: "5G升级", pitch: words }];
    const first = campaign("a", "2026-12-01", "2026-12-31", {
      products: pitch("upgrade_5g", "月费不变，速率翻倍"),
    });
    const same = campaign("b", "2026-12-05", "2026-12-06", {
      products: pitch("upgrade_5g", "月费不变， 速率翻倍"),
    });
    const other = campaign("c", "2026-12-05", "2026-12-06", { products: pitch("upgrade_5g", "首月免费") });
    const elsewhere = campaign("d", "2026-12-05", "2026-12-06", {
      regionCode: "SH-XH",
      products: pitch("upgrade_5g", "首月免费"),
    });
    expect(campaignWarnings(same, [first, same], halls)).toEqual([]);
    expect(campaignWarnings(other, [first, other], halls)).toEqual([
      {
        kind: "wording",
        productCode: "upgrade_5g",
        campaignId: "a",
        campaignName: "活动a",
        pitch: "月费不变，速率翻倍",
      },
    ]);
    expect(campaignWarnings(elsewhere, [first, elsewhere], halls)).toEqual([]);
  });

  it("should put only approved campaigns of the hall and day in force", () => {
    const c = campaign("a", "2026-12-01", "2026-12-31");
    expect(inForce(c, halls[0], "2026-12-31")).toBe(true);
    expect(inForce(c, halls[0], "2027-01-01")).toBe(false);
    expect(inForce({ ...c, state: "draft" }, halls[0], "2026-12-10")).toBe(false);
    expect(inForce(c, halls[2], "2026-12-10")).toBe(false);
  });
});
