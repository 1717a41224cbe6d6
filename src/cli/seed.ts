import { randomBytes } from "node:crypto";
import { count, eq } from "drizzle-orm";
import type { Role } from "../core/access.js";
import { addDays } from "../core/calendar.js";
import type { Db } from "../core/db.js";
import type { CampaignInput } from "../features/campaigns/contract.js";
import { approveCampaign, createCampaign } from "../features/campaigns/mutations.js";
import { DEFAULT_CATALOG } from "../features/halls/catalog.js";
import { listHalls } from "../features/halls/data.js";
import { createCounter, createHall } from "../features/halls/mutations.js";
import { businessTypes } from "../features/halls/tables.js";
import { ensureStarterChecklists } from "../features/quality/mutations/inspections.js";
import { createDevice } from "../features/users/mutations.js";
import { passwordProblem } from "../features/users/password-rules.js";
import { hashPassword } from "../features/users/passwords.js";
import { users } from "../features/users/tables.js";

export const DEMO_PASSWORD = "tingwu-demo";
export const DEMO_REGION = "SH-PD";

/** First start: the catalog and the admin account. Returns the admin password when it was generated. */
export async function seedEssentials(
  db: Db,
  adminPassword?: string,
): Promise<{ generatedPassword?: string }> {
  // Every start: a business type the defaults gained since (话费查询, 清单打印) reaches halls already running;
  // one an operator changed, or whose prefix an operator's own type took, is left as it is.
  await db.insert(businessTypes).values(DEFAULT_CATALOG).onConflictDoNothing();
  await ensureStarterChecklists(db);
  const [{ n }] = await db.select({ n: count() }).from(users).where(eq(users.username, "admin"));
  if (n > 0) return {};
  if (adminPassword) {
    // A clear stop at first start rather than an admin account with a guessable password.
    const problem = passwordProblem(adminPassword, "admin");
    if (problem)
      throw new Error(`TINGWU_ADMIN_PASSWORD is refused: ${problem.message} (rule ${problem.rule})`);
  }
  const password = adminPassword ?? randomBytes(9).toString("base64url");
  await db
    .insert(users)
    .values({
      username: "admin",
      displayName: "系统管理员",
      role: "operator_admin",
      passwordHash: await hashPassword(password),
    })
    .onConflictDoNothing();
  return adminPassword ? {} : { generatedPassword: password };
}

export type DemoInfo = {
  hallId: string;
  cooperativeHallId: string;
  accounts: { username: string; displayName: string; role: Role; hallName?: string }[];
  devices: {
    kind: string;
    label: string;
    token: string;
    hallId: string;
    hallName: string;
    counterId?: string;
  }[];
};

/** What the start log lists of a fresh demo: one line per account, then one per device link. */
export function demoListing(demo: DemoInfo, base: string): string[] {
  // Columns line up on a terminal: a Chinese character takes two cells.
  const width = (s: string) => [...s].reduce((w, c) => w + (c.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
  const pad = (s: string, n: number) => s + " ".repeat(Math.max(1, n - width(s)));
  return [
    `Demo seeded. Staff accounts, password "${DEMO_PASSWORD}":`,
    ...demo.accounts.map((a) =>
      `  ${pad(a.username, 11)}${pad(a.displayName, 14)}${pad(a.role, 16)}${a.hallName ?? ""}`.trimEnd(),
    ),
    "Device links (open one on its device; the link signs the device in):",
    ...demo.devices.map((d) => {
      const where = d.counterId ? `${d.hallName} ${d.label}` : d.hallName;
      const path = `/${d.kind}/${d.hallId}${d.counterId ? `/${d.counterId}` : ""}`;
      return `  ${pad(d.kind, 9)}${pad(where, 26)}${base}${path}?device=${d.token}`;
    }),
  ];
}

/** The demo: a self-run hall with 6 counters, a second self-run hall, a cooperative hall, staff for each role. */
export async function seedDemo(db: Db): Promise<DemoInfo | null> {
  if ((await listHalls(db, {})).length > 0) return null;
  const main = await createHall(db, {
    name: "陆家嘴自营厅",
    nameEn: "Lujiazui Hall",
    type: "self_run",
    regionCode: DEMO_REGION,
    address: "上海市浦东新区陆家嘴环路1000号",
    openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }],
    latitude: 31.2397,
    longitude: 121.4998,
  });
  await createHall(db, {
    name: "世纪大道自营厅",
    nameEn: "Century Avenue Hall",
    type: "self_run",
    regionCode: DEMO_REGION,
    address: "上海市浦东新区世纪大道88号",
    latitude: 31.2354,
    longitude: 121.5063,
  });
  const coop = await createHall(db, {
    name: "张江合作厅",
    nameEn: "Zhangjiang Partner Hall",
    type: "cooperative",
    regionCode: DEMO_REGION,
    address: "上海市浦东新区张江路368号",
    openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }],
    latitude: 31.2076,
    longitude: 121.5908,
  });
  const all = DEFAULT_CATALOG.map((b) => b.code);
  const layout: { label: string; labelEn: string; types: string[]; vip?: boolean }[] = [
    { label: "1号窗口", labelEn: "Window 1", types: all },
    { label: "2号窗口", labelEn: "Window 2", types: all },
    { label: "3号窗口", labelEn: "Window 3", types: ["payment", "change", "suspension", "consultation"] },
    { label: "4号窗口", labelEn: "Window 4", types: ["payment", "change", "suspension", "consultation"] },
    {
      label: "5号窗口",
      labelEn: "Window 5",
      types: ["new_subscription", "sim_replacement", "data_change", "cancellation", "refund"],
    },
    { label: "6号窗口 VIP", labelEn: "Window 6 VIP", types: all, vip: true },
  ];
  const counters = [];
  for (const [i, c] of layout.entries()) {
    counters.push(
      await createCounter(db, main.id, {
        label: c.label,
        labelEn: c.labelEn,
        number: i + 1,
        businessTypes: c.types,
        vip: c.vip ?? false,
      }),
    );
  }
  for (const [i, label] of ["1号窗口", "2号窗口"].entries()) {
    await createCounter(db, coop.id, {
      label,
      labelEn: `Window ${i + 1}`,
      number: i + 1,
      businessTypes: ["payment", "change", "suspension", "new_subscription", "consultation"],
      vip: false,
    });
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staff: { username: string; displayName: string; role: Role; hallId?: string; regionCode?: string }[] =
    [
      { username: "area", displayName: "王片区", role: "area_manager", regionCode: DEMO_REGION },
      { username: "manager", displayName: "李厅经理", role: "hall_manager", hallId: main.id },
      { username: "desk", displayName: "陈咨询", role: "consult_desk", hallId: main.id },
      { username: "floor", displayName: "赵流动", role: "floor_staff", hallId: main.id },
      ...[1, 2, 3, 4, 5, 6].map((n) => ({
        username: `counter${n}`,
        displayName: `台席${n}号`,
        role: "counter_staff" as Role,
        hallId: main.id,
      })),
      { username: "security", displayName: "周保安", role: "security", hallId: main.id },
      { username: "agent", displayName: "刘代理", role: "rural_agent", regionCode: DEMO_REGION },
      { username: "inspector", displayName: "孙质检", role: "inspector" },
      { username: "coop", displayName: "吴合作厅经理", role: "hall_manager", hallId: coop.id },
    ];
  await db
    .insert(users)
    .values(staff.map((s) => ({ ...s, passwordHash })))
    .onConflictDoNothing();
  const hallName = new Map([
    [main.id, main.name],
    [coop.id, coop.name],
  ]);
  const accounts: DemoInfo["accounts"] = staff.map((s) => ({
    username: s.username,
    displayName: s.displayName,
    role: s.role,
    hallName: s.hallId ? hallName.get(s.hallId) : s.regionCode,
  }));
  const devices: DemoInfo["devices"] = [];
  for (const [hallId, prefix] of [
    [main.id, "陆家嘴"],
    [coop.id, "张江"],
  ] as const) {
    for (const kind of ["kiosk", "display"] as const) {
      const { token } = await createDevice(db, {
        hallId,
        kind,
        label: `${prefix} ${kind === "kiosk" ? "取号机" : "叫号屏"}`,
      });
      devices.push({ kind, label: `${prefix}-${kind}`, token, hallId, hallName: hallName.get(hallId)! });
    }
  }
  for (const c of counters) {
    const { token } = await createDevice(db, {
      hallId: main.id,
      counterId: c.id,
      kind: "pad",
      label: `${c.label} 评价器`,
    });
    devices.push({
      kind: "pad",
      label: c.label,
      token,
      hallId: main.id,
      hallName: main.name,
      counterId: c.id,
    });
  }
  await seedCampaigns(db, main.id);
  return { hallId: main.id, cooperativeHallId: coop.id, accounts, devices };
}

/** Z6 at the demo's counters: two approved campaigns of the main hall, for a year from a month ago. */
async function seedCampaigns(db: Db, hallId: string) {
  const today = new Date().toISOString().slice(0, 10);
  const period = { from: addDays(today, -30), to: addDays(today, 330) };
  const plans: CampaignInput[] = [
    {
      ...period,
      name: "话费自动交费推广",
      talkingPoints: ["先问客户平时怎么交话费", "强调绑卡后月初自动交费，不会因忘交而停机"],
      faq: [{ q: "绑定后能随时取消吗？", a: "可以，在营业厅或手机营业厅 APP 里随时解绑。" }],
      products: [
        { code: "auto_pay", name: "话费自动交费", pitch: "绑定银行卡自动交费，月初自动充值，不用担心停机。" },
        { code: "app", name: "手机营业厅 APP", pitch: "交费、查询、办业务随时随地，下次不必排队。" },
      ],
    },
    {
      ...period,
      name: "5G 升级季",
      businessTypes: ["change", "new_subscription", "consultation"],
      talkingPoints: ["看客户近三个月流量是否常超出套餐", "同价位升级 5G，首月免费体验"],
      faq: [{ q: "升级 5G 要换卡吗？", a: "4G 卡大多可直接使用，办理时当场检测。" }],
      products: [
        {
          code: "upgrade_5g",
          name: "5G 套餐升级",
          pitch: "同价位升级 5G，网速更快，流量更多，首月免费体验。",
        },
        {
          code: "family_plan",
          name: "家庭融合套餐",
          pitch: "手机、宽带、电视一起办，全家共享流量，每月更省。",
        },
      ],
    },
  ];
  const scope = { hallIds: [hallId], regionCode: null };
  for (const plan of plans) await approveCampaign(db, (await createCampaign(db, plan, scope, null)).id, null);
}
