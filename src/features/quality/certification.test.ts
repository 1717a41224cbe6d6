import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, importSurveyCsv, type TestApp } from "../../../test/helpers.js";
import { STARTER_CHECKLISTS } from "./checklist-starters.js";
import { quarterOf } from "./pulse-rules.js";

type Result = {
  hallId: string;
  outcome: string;
  certified: boolean;
  reasons: { code: string; value: number | null; met: boolean }[];
};

// R-CERT: the operator's own halls certified by quarter against the thresholds, withdrawn when they fall
// short, cooperative halls never; the standing shows on the public hall list.
describe("certification (挂牌)", () => {
  let t: TestApp;
  let admin: string;
  let area: string;
  const quarter = quarterOf(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  beforeAll(async () => {
    t = await buildTestApp();
    [admin, area] = await Promise.all([t.token("admin"), t.token("area")]);
    const hallId = t.demo.hallId;
    // This quarter at 陆家嘴: a KPI of 80, an inspection scoring 100, three tickets served at once.
    const csv = [
      "period,scope,segment,carrier,sampleSize,environment,waiting_acceptable,staff_overall,speed",
      `${quarter},hall:${hallId},,ours,200,80,80,80,80`,
    ].join("\n");
    const imported = await importSurveyCsv(t, admin, csv);
    expect(imported.statusCode).toBe(201);
    const scores = STARTER_CHECKLISTS[1].items.map((i) => ({ item: i.code, score: 100 }));
    await t.api("POST", "/api/quality/inspections", {
      token: area,
      body: {
        hallId,
        checklistId: STARTER_CHECKLISTS[1].id,
        kind: "open",
        at: new Date().toISOString(),
        scores,
      },
    });
    const staff = await t.token("counter1");
    const counters = (await t.api("GET", `/api/halls/${hallId}/counters`, { token: admin })).json();
    const counterId = counters.find((c: { number: number }) => c.number === 1).id;
    await t.api("POST", `/api/halls/${hallId}/counters/${counterId}/open`, { token: staff, body: {} });
    for (let i = 0; i < 3; i++) {
      const ticketId = (
        await t.api("POST", `/api/halls/${hallId}/tickets`, {
          token: admin,
          body: { businessType: "payment" },
        })
      ).json().id;
      await t.api("POST", `/api/halls/${hallId}/counters/${counterId}/call`, {
        token: staff,
        body: { ticketId },
      });
      await t.api("POST", `/api/tickets/${ticketId}/start`, { token: staff });
      await t.api("POST", `/api/tickets/${ticketId}/finish`, {
        token: staff,
        body: { outcome: "completed" },
      });
    }
  });
  afterAll(() => t.close());

  const evaluate = async (q: string): Promise<Result[]> => {
    const res = await t.api("POST", "/api/quality/certifications/evaluate", {
      token: area,
      body: { quarter: q },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().results;
  };
  const publicCertified = async () =>
    new Map(
      (await t.api("GET", "/api/public/halls?regionCode=SH-PD"))
        .json()
        .map((h: { id: string; certified: boolean }) => [h.id, h.certified]),
    );

  it("should certify a hall that meets every threshold, not one without figures, and no cooperative hall", async () => {
    const results = await evaluate(quarter);
    const main = results.find((r) => r.hallId === t.demo.hallId)!;
    expect(main).toMatchObject({ outcome: "certified", certified: true });
    expect(Object.fromEntries(main.reasons.map((r) => [r.code, r.value]))).toEqual({
      kpi: 80,
      inspectionScore: 100,
      complaintsPer1000: 0,
      waitingWithin: 1,
    });
    const other = results.find((r) => r.hallId !== t.demo.hallId)!;
    expect(other).toMatchObject({ outcome: "not_certified", certified: false });
    expect(other.reasons.find((r) => r.code === "kpi")).toMatchObject({ value: null, met: false });
    expect(results.some((r) => r.hallId === t.demo.cooperativeHallId)).toBe(false);
    expect((await publicCertified()).get(t.demo.hallId)).toBe(true);
  });

  it("should withdraw the certificate when the next quarter falls short, with its reasons", async () => {
    const [y, q] = quarter.split("-Q").map(Number);
    const next = q === 4 ? `${y + 1}-Q1` : `${y}-Q${q + 1}`;
    const main = (await evaluate(next)).find((r) => r.hallId === t.demo.hallId)!;
    expect(main).toMatchObject({ outcome: "withdrawn", certified: false });
    expect(main.reasons.filter((r) => !r.met).map((r) => r.code)).toContain("kpi");
    expect((await publicCertified()).get(t.demo.hallId)).toBe(false);
    // The quarter before keeps its own result.
    const before = (
      await t.api("GET", `/api/quality/certifications?quarter=${quarter}`, { token: admin })
    ).json();
    expect(before.find((r: Result) => r.hallId === t.demo.hallId).outcome).toBe("certified");
  });

  it("should take stricter thresholds from the operator only, and evaluate again with them", async () => {
    const strict = { kpiMin: 85, inspectionMin: 85, complaintsPer1000Max: 2, waitingWithinMin: 0.9 };
    const byArea = await t.api("PUT", "/api/quality/certification-settings", { token: area, body: strict });
    expect(byArea.statusCode).toBe(403);
    expect(
      (await t.api("PUT", "/api/quality/certification-settings", { token: admin, body: strict })).statusCode,
    ).toBe(200);
    const main = (await evaluate(quarter)).find((r) => r.hallId === t.demo.hallId)!;
    expect(main).toMatchObject({ outcome: "not_certified" });
    expect(main.reasons.find((r) => r.code === "kpi")).toMatchObject({ value: 80, met: false });
    const byStaff = await t.api("POST", "/api/quality/certifications/evaluate", {
      token: await t.token("counter1"),
      body: { quarter },
    });
    expect(byStaff.statusCode).toBe(403);
  });
});
