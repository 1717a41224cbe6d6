import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, importSurveyCsv, multipartFile, type TestApp } from "../../../test/helpers.js";
import { STARTER_CHECKLISTS } from "./checklist-starters.js";

type Item = { code: string; label: string; weight: number };
type Checklist = {
  id: string;
  familyId: string;
  version: number;
  name: string;
  items: Item[];
  current: boolean;
};

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);
const NODES = STARTER_CHECKLISTS[1].id;

// R-MYSTERY through the API: versioned checklists, inspections an inspector records only for the halls
// assigned to them, photos checked and kept, and the alignment of each item with the customers' KPI.
describe("inspections", () => {
  let t: TestApp;
  let admin: string;
  let area: string;
  let inspector: string;
  let manager: string;
  let inspectorId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    [admin, area, inspector, manager] = await Promise.all(
      ["admin", "area", "inspector", "manager"].map((u) => t.token(u)),
    );
    inspectorId = (await t.api("GET", "/api/auth/me", { token: inspector })).json().principal.id;
  });
  afterAll(() => t.close());

  const scoresAll = (list: Checklist, score: number) => list.items.map((i) => ({ item: i.code, score }));
  const checklist = async (id: string): Promise<Checklist> =>
    (await t.api("GET", `/api/quality/checklists/${id}`, { token: admin })).json();
  const assign = (hallId: string, checklistId = NODES) =>
    t.api("POST", "/api/quality/inspection-assignments", {
      token: area,
      body: { hallId, inspectorId, checklistId, kind: "mystery", dueDate: "2026-12-31" },
    });
  const inspect = (token: string, body: Record<string, unknown>) =>
    t.api("POST", "/api/quality/inspections", {
      token,
      body: { kind: "mystery", at: new Date().toISOString(), ...body },
    });

  it("should ship the 19 service taboos and the node norms with the waiting time weighted heaviest", async () => {
    const lists: Checklist[] = (await t.api("GET", "/api/quality/checklists", { token: inspector })).json();
    const taboos = lists.find((l) => l.id === STARTER_CHECKLISTS[0].id)!;
    expect(taboos.items).toHaveLength(19);
    expect(taboos.items[13].label).toBe("严禁串岗、脱岗或离岗");
    const nodes = lists.find((l) => l.id === NODES)!;
    expect(nodes.items.map((i) => i.code)).toEqual(expect.arrayContaining(["Z1", "Z5", "Z9", "wait"]));
    const heaviest = nodes.items.reduce((a, b) => (b.weight > a.weight ? b : a));
    expect(heaviest.code).toBe("wait");
  });

  it("should let an inspector record only the halls assigned to them, scoring the weighted mean", async () => {
    const nodes = await checklist(NODES);
    const refused = await inspect(inspector, {
      hallId: t.demo.hallId,
      checklistId: NODES,
      scores: scoresAll(nodes, 100),
    });
    expect(refused.statusCode).toBe(403);
    expect((await assign(t.demo.hallId)).statusCode).toBe(201);
    // wait (weight 4) scores 40, everything else 100: (15 − 4) × 100 + 4 × 40 over 15 = 84.
    const scores = nodes.items.map((i) => ({ item: i.code, score: i.code === "wait" ? 40 : 100 }));
    scores[4] = { ...scores[4], seconds: 900 } as (typeof scores)[number];
    const done = await inspect(inspector, { hallId: t.demo.hallId, checklistId: NODES, scores });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().score).toBe(84);
    const assignments = (
      await t.api("GET", "/api/quality/inspection-assignments", { token: inspector })
    ).json();
    expect(assignments).toEqual([
      expect.objectContaining({ hallId: t.demo.hallId, status: "done", inspectionId: done.json().id }),
    ]);
    // The assignment is used up: a second inspection of the hall needs a new one.
    const again = await inspect(inspector, { hallId: t.demo.hallId, checklistId: NODES, scores });
    expect(again.statusCode).toBe(403);
    // An area manager inspects openly without an assignment; the inspector does not see that hall's.
    const open = await inspect(area, {
      hallId: t.demo.cooperativeHallId,
      checklistId: NODES,
      kind: "open",
      scores: scoresAll(nodes, 70),
    });
    expect(open.statusCode).toBe(201);
    const mine = (await t.api("GET", "/api/quality/inspections", { token: inspector })).json();
    expect(mine.items.map((i: { hallId: string }) => i.hallId)).toEqual([t.demo.hallId]);
    const other = await t.api("GET", `/api/quality/inspections/${open.json().id}`, { token: inspector });
    expect(other.statusCode).toBe(404);
    // The hall's manager reads their own hall's inspection, item by item with the labels.
    const read = (
      await t.api("GET", `/api/quality/inspections/${done.json().id}`, { token: manager })
    ).json();
    expect(read.scores.find((s: { item: string }) => s.item === "wait")).toMatchObject({
      score: 40,
      seconds: 900,
      weight: 4,
      label: expect.stringContaining("等候"),
    });
    const coop = await t.api("GET", `/api/quality/inspections/${open.json().id}`, { token: manager });
    expect(coop.statusCode).toBe(404);
  });

  it("should refuse unknown and repeated items, storing nothing", async () => {
    const before = (await t.api("GET", "/api/quality/inspections", { token: admin })).json().items.length;
    for (const scores of [
      [{ item: "Z99", score: 50 }],
      [
        { item: "Z1", score: 50 },
        { item: "Z1", score: 60 },
      ],
    ]) {
      const res = await inspect(admin, { hallId: t.demo.hallId, checklistId: NODES, scores });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("invalid_input");
    }
    expect((await t.api("GET", "/api/quality/inspections", { token: admin })).json().items).toHaveLength(
      before,
    );
  });

  it("should version a checklist on edit, keep past inspections on theirs, and refuse the stale one", async () => {
    const v1 = (
      await t.api("POST", "/api/quality/checklists", {
        token: admin,
        body: {
          name: "厅内环境",
          kind: "open",
          items: [
            { code: "clean", label: "整洁", weight: 1 },
            { code: "light", label: "明亮", weight: 1 },
          ],
        },
      })
    ).json() as Checklist;
    expect(v1).toMatchObject({ version: 1, current: true, familyId: v1.id });
    const first = await inspect(admin, {
      hallId: t.demo.hallId,
      checklistId: v1.id,
      kind: "open",
      scores: [
        { item: "clean", score: 100 },
        { item: "light", score: 50 },
      ],
    });
    expect(first.json().score).toBe(75);
    const edit = {
      name: "厅内环境",
      kind: "open",
      items: [...v1.items, { code: "air", label: "通风", weight: 2 }],
    };
    const v2 = await t.api("POST", `/api/quality/checklists/${v1.id}/versions`, { token: admin, body: edit });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, familyId: v1.id, current: true });
    expect((await checklist(v1.id)).current).toBe(false);
    // Editing the old version again, or inspecting with it, is refused: someone saved a newer one.
    expect(
      (await t.api("POST", `/api/quality/checklists/${v1.id}/versions`, { token: admin, body: edit }))
        .statusCode,
    ).toBe(409);
    const stale = await inspect(admin, {
      hallId: t.demo.hallId,
      checklistId: v1.id,
      kind: "open",
      scores: [{ item: "clean", score: 100 }],
    });
    expect(stale.statusCode).toBe(409);
    const past = (await t.api("GET", `/api/quality/inspections/${first.json().id}`, { token: admin })).json();
    expect(past).toMatchObject({ checklistId: v1.id, checklistVersion: 1, score: 75 });
    expect(past.scores).toHaveLength(2);
    // Only the operator edits checklists.
    const byArea = await t.api("POST", "/api/quality/checklists", { token: area, body: edit });
    expect(byArea.statusCode).toBe(403);
  });

  it("should store one inspection when two race for one assignment", async () => {
    const hall = t.demo.cooperativeHallId;
    const a = (await assign(hall)).json();
    const nodes = await checklist(NODES);
    const body = { hallId: hall, checklistId: NODES, assignmentId: a.id, scores: scoresAll(nodes, 90) };
    const results = await Promise.all([inspect(inspector, body), inspect(inspector, body)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const list = (await t.api("GET", `/api/quality/inspections?hallId=${hall}`, { token: inspector })).json();
    expect(list.items.filter((i: { inspectorId: string }) => i.inspectorId === inspectorId)).toHaveLength(1);
  });

  it("should keep a photo that is an image, refuse one that is not, and only for the hall it was taken in", async () => {
    const upload = (hallId: string, name: string, content: Buffer | string, type: string) => {
      const { contentType, payload } = multipartFile(name, type, content);
      return t.app.inject({
        method: "POST",
        url: `/api/halls/${hallId}/inspection-photos`,
        headers: { authorization: `Bearer ${area}`, "content-type": contentType },
        payload,
      });
    };
    const photo = await upload(t.demo.hallId, "counter.png", PNG, "image/png");
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({ contentType: "image/png", size: PNG.length });
    // A text file named .jpg and declared image/jpeg is still not an image.
    const fake = await upload(t.demo.hallId, "fake.jpg", "not an image at all", "image/jpeg");
    expect(fake.statusCode).toBe(400);
    const nodes = await checklist(NODES);
    const withPhoto = (hallId: string) =>
      inspect(area, {
        hallId,
        checklistId: NODES,
        kind: "open",
        scores: [
          ...scoresAll(nodes, 80).slice(0, -1),
          { item: "environment", score: 60, photoIds: [photo.json().id] },
        ],
      });
    expect((await withPhoto(t.demo.cooperativeHallId)).statusCode).toBe(400);
    expect((await withPhoto(t.demo.hallId)).statusCode).toBe(201);
    const img = await t.api("GET", `/api/halls/${t.demo.hallId}/inspection-photos/${photo.json().id}`, {
      token: manager,
    });
    expect(img.statusCode).toBe(200);
    expect(img.headers["content-type"]).toBe("image/png");
    expect(img.rawPayload.equals(PNG)).toBe(true);
  });

  it("should flag an item weighted heavily that does not follow the halls' satisfaction", async () => {
    // Three more halls of the region: six with a KPI and an inspection in 2026-Q3.
    const halls = [t.demo.hallId, t.demo.cooperativeHallId];
    const all = (await t.api("GET", "/api/halls", { token: admin })).json() as { id: string }[];
    for (const h of all) if (!halls.includes(h.id)) halls.push(h.id);
    for (const n of [1, 2, 3]) {
      const made = await t.api("POST", "/api/halls", {
        token: admin,
        body: { name: `测试厅${n}`, type: "self_run", regionCode: "SH-PD" },
      });
      halls.push(made.json().id);
    }
    const kpis = [60, 65, 70, 75, 80, 85];
    const waits = [90, 50, 80, 60, 70, 75];
    const csv = [
      "period,scope,segment,carrier,sampleSize,environment,waiting_acceptable,staff_overall,speed",
      ...halls.map((h, i) => `2026-Q3,hall:${h},,ours,100,${kpis[i]},${kpis[i]},${kpis[i]},${kpis[i]}`),
    ].join("\n");
    const imported = await importSurveyCsv(t, admin, csv);
    expect(imported.statusCode, imported.body).toBe(201);
    const nodes = await checklist(NODES);
    for (const [i, hallId] of halls.entries()) {
      const scores = nodes.items.map((it) => ({
        item: it.code,
        score: it.code === "Z1" ? kpis[i] : it.code === "wait" ? waits[i] : 100,
      }));
      const res = await inspect(area, {
        hallId,
        checklistId: NODES,
        at: "2026-08-15T10:00:00+08:00",
        scores,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const res = await t.api("GET", "/api/quality/alignment?scope=region:SH-PD&period=2026-Q3", {
      token: area,
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = new Map(res.json().items.map((i: { code: string }) => [i.code, i]));
    expect(res.json().halls).toHaveLength(6);
    expect(items.get("Z1")).toMatchObject({ correlation: 1, flag: null, halls: 6 });
    expect(items.get("wait")).toMatchObject({ correlation: -0.13, flag: "overweighted" });
    // Everyone scored 100 on Z9: no variation, no correlation.
    expect(items.get("Z9")).toMatchObject({ correlation: null, flag: null });
    // The suggestion halves wait and keeps the total (15): 2 × 15 / 13.
    expect(items.get("wait")).toMatchObject({ suggestedWeight: 2.31 });
    const total = res
      .json()
      .items.reduce((s: number, i: { suggestedWeight: number }) => s + i.suggestedWeight, 0);
    expect(total).toBeCloseTo(15, 1);
    // A correlation needs five halls: the cooperative hall alone is no scope, and a hall manager has none.
    expect((await t.api("GET", "/api/quality/alignment?period=2026-Q3", { token: manager })).statusCode).toBe(
      403,
    );
  });
});
