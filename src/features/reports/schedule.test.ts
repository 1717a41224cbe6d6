import type { AddressInfo } from "node:net";
import ExcelJS from "exceljs";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp, testEnv } from "../../../test/helpers.js";
import { smtpAdapter } from "../../core/mail.js";
import { localParts } from "../../core/time.js";
import { dueReports } from "./schedule-rules.js";
import { sweepScheduledReports } from "./sweeps.js";

// Issue 15: scheduled reports — yesterday's to hall managers, last week's to area managers, last month's
// to operator admins — through the outbox, by e-mail over SMTP with the workbook attached, once each.

describe("scheduled report rules", () => {
  const people = [
    { id: "m", role: "hall_manager", hallId: "h1", regionCode: null, email: "m@example.com" },
    { id: "a", role: "area_manager", hallId: null, regionCode: "SH-PD", email: "a@example.com" },
    { id: "o", role: "operator_admin", hallId: null, regionCode: null, email: "o@example.com" },
    { id: "n", role: "hall_manager", hallId: "h2", regionCode: null, email: null },
    { id: "c", role: "counter_staff", hallId: "h1", regionCode: null, email: "c@example.com" },
  ];

  it("should send each role the last whole period of its own scope, from the report hour on", () => {
    // Monday 9 March 2026, 07:30.
    const due = dueReports(people, { date: "2026-03-09", minutes: 7 * 60 + 30 }, 7);
    expect(due.map((d) => [d.userId, d.scope, d.period])).toEqual([
      ["m", "hall:h1", "day:2026-03-08"],
      ["a", "region:SH-PD", "week:2026-W10"],
      ["o", "operator", "month:2026-02"],
    ]);
    expect(dueReports(people, { date: "2026-03-09", minutes: 6 * 60 + 59 }, 7)).toEqual([]);
    // Later in the week the week due is still last week's: one key, so it goes once however often asked.
    const thursday = dueReports(people, { date: "2026-03-12", minutes: 12 * 60 }, 7);
    expect(thursday.find((d) => d.userId === "a")?.dedupeKey).toBe(due[1].dedupeKey);
    expect(thursday.find((d) => d.userId === "m")?.period).toBe("day:2026-03-11");
    // New Year: the week of 1 January 2027 is 2026-W53; the month before is December.
    const jan = dueReports(people, { date: "2027-01-04", minutes: 8 * 60 }, 7);
    expect(jan.map((d) => d.period)).toEqual(["day:2027-01-03", "week:2026-W53", "month:2026-12"]);
  });
});

describe("scheduled reports by e-mail", () => {
  let t: TestApp;
  let smtp: SMTPServer;
  const inbox: ParsedMail[] = [];
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, done) {
        simpleParser(stream)
          .then((m) => inbox.push(m))
          .then(() => done(), done);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    t = await buildTestApp({
      // From midnight on, so that the reports are due whenever the test runs.
      env: testEnv({ TINGWU_REPORT_HOUR: "0" }),
      channelAdapters: { email: smtpAdapter(`smtp://127.0.0.1:${port}`, "Tingwu <reports@tingwu.test>") },
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it("should mail the hall manager yesterday's report with its workbook, once", async () => {
    const admin = await t.token("admin");
    const users = (await t.api("GET", "/api/users", { token: admin })).json() as {
      id: string;
      username: string;
    }[];
    const manager = users.find((u) => u.username === "manager") as { id: string };
    const bad = await t.api("PATCH", `/api/users/${manager.id}`, {
      token: admin,
      body: { email: "不是邮箱" },
    });
    expect(bad.statusCode).toBe(400);
    const set = await t.api("PATCH", `/api/users/${manager.id}`, {
      token: admin,
      body: { email: "li.manager@example.com" },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().email).toBe("li.manager@example.com");

    expect(await sweepScheduledReports(t.app.ctx)).toBe(1);
    // Asked again (another pass, another instance): nothing more.
    expect(await sweepScheduledReports(t.app.ctx)).toBe(0);
    await t.app.ctx.sweeper.runOnce();
    expect(inbox).toHaveLength(1);
    const mail = inbox[0];
    const today = localParts(new Date(), "Asia/Shanghai").date;
    const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(mail.subject).toBe(`【厅务报表】陆家嘴自营厅 ${yesterday}`);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("li.manager@example.com");
    expect(mail.text).toContain("取号：");
    expect(mail.attachments).toHaveLength(1);
    const file = mail.attachments[0];
    expect(file.filename).toBe(`report-hall-${t.demo.hallId}-${yesterday}.xlsx`);
    // The workbook holds the same figures as the report's JSON.
    const json = (
      await t.api("GET", `/api/reports/summary?scope=hall:${t.demo.hallId}&period=day:${yesterday}`, {
        token: admin,
      })
    ).json();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(file.content).buffer);
    expect(book.getWorksheet("汇总")?.getRow(2).getCell(2).value).toBe(json.tickets.issued);
    // Delivered once: a later pass sends nothing again.
    await t.app.ctx.sweeper.runOnce();
    expect(inbox).toHaveLength(1);
  });
});
