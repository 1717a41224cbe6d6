import type { FastifyInstance } from "fastify";
import { authorize, type Principal, referenced, userOf } from "../../core/access.js";
import { addDays } from "../../core/calendar.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { forbidden } from "../../core/errors.js";
import { localParts, zonedInstant } from "../../core/time.js";
import { campaignsBetween } from "../campaigns/data.js";
import { inForce } from "../campaigns/rules.js";
import { complaintCount } from "../complaints/data/counts.js";
import type { Hall } from "../halls/contract.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall } from "../halls/data.js";
import { hallOfRecord } from "../halls/record-scope.js";
import { sharedDayStats } from "../reports/data/shared-day.js";
import { activeStaff, staffNames } from "../users/data.js";
import {
  type MeetingFigures,
  meetingBody,
  meetingListQuery,
  meetingPatch,
  meetingSchema,
  meetingsPage,
} from "./contract.js";
import { confirmationCounts, confirmationsOf, findMeeting, listMeetings, type MeetingRow } from "./data.js";
import { closeMeeting, confirmMeeting, createMeeting, updateMeeting } from "./mutations.js";
import { allowedMeetingActions, ofHall } from "./rules.js";

const tags = ["meetings"];

/** R-MEET: the hall's pre-shift meetings, filled in with the day's campaigns and the day before's figures. */
export async function meetingRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const tz = ctx.env.TINGWU_TIMEZONE;

  /** The hall's own people (who attend and confirm), by name. */
  const hallStaff = async (hallId: string) =>
    (await activeStaff(db, { within: { hallId } }))
      .filter((u) => u.hallId === hallId)
      .sort((a, b) => a.displayName.localeCompare(b.displayName, "zh-CN"));

  /** The day before's figures: tickets, waits, breaches, complaints received, the customers' ratings. */
  const figuresOf = async (hall: Hall, date: string): Promise<MeetingFigures> => {
    const day = addDays(date, -1);
    const from = zonedInstant(day, 0, tz);
    const to = zonedInstant(day, 24 * 60, tz);
    const [s, complaints] = await Promise.all([
      sharedDayStats(db, hall.id, { date: day, from, to, timeZone: tz, nowSlot: null }),
      complaintCount(db, hall.id, from, to),
    ]);
    return {
      date: day,
      issued: s.issued,
      served: s.served,
      noShows: s.noShows,
      breaches: s.breaches,
      meanWaitSeconds: s.meanWaitSeconds,
      withinTenMinutesShare: s.withinTenMinutesShare,
      complaints,
      ratings: s.evaluations.count,
      satisfiedShare: s.evaluations.satisfiedShare,
    };
  };

  /** The campaigns in force at the hall that day, those starting that day first. */
  const campaignsOf = async (hall: Hall, date: string) =>
    (await campaignsBetween(db, date, date, "approved"))
      .filter((c) => inForce(c, hall, date))
      .map((c) => ({
        id: c.id,
        name: c.name,
        from: c.from,
        to: c.to,
        starts: c.from === date,
        talkingPoints: c.talkingPoints,
      }))
      .sort((a, b) => Number(b.starts) - Number(a.starts));

  const present = async (principal: Principal, m: MeetingRow) => {
    const [confirmations, staff] = await Promise.all([confirmationsOf(db, m), hallStaff(m.hallId)]);
    const ids = [...new Set([...m.attendance.map((a) => a.userId), ...confirmations.map((c) => c.userId)])];
    const names = await staffNames(db, ids);
    const confirmed = new Set(confirmations.map((c) => c.userId));
    const me = userOf(principal);
    return {
      id: m.id,
      hallId: m.hallId,
      date: m.meetingDate,
      agenda: m.agenda,
      notices: m.notices,
      campaigns: m.campaigns,
      figures: m.figures,
      attendance: m.attendance.map((a) => ({ ...a, name: names.get(a.userId) ?? null })),
      minutes: m.minutes,
      state: m.state,
      createdBy: m.createdBy,
      createdAt: m.createdAt.toISOString(),
      closedAt: m.closedAt?.toISOString() ?? null,
      confirmations: confirmations.map((c) => ({
        userId: c.userId,
        name: names.get(c.userId) ?? null,
        at: c.at.toISOString(),
      })),
      unconfirmed: staff
        .filter((u) => !confirmed.has(u.id))
        .map((u) => ({ userId: u.id, name: u.displayName })),
      confirmedByMe: !!me && confirmed.has(me),
      allowedActions: allowedMeetingActions(principal, m, !!me && confirmed.has(me)),
    };
  };

  /** A meeting of a hall the person's scope covers (else it does not exist for them). */
  const visible = async (principal: Principal, id: string) => {
    const m = await referenced("Meeting", () => findMeeting(db, id));
    return { m, hall: await hallOfRecord(db, principal, m.hallId, "Meeting") };
  };

  app.post(
    "/api/halls/:hallId/meetings",
    {
      schema: {
        tags,
        summary:
          "Hold the day's meeting: agenda and notices; the campaigns and yesterday's figures filled in",
        params: hallIdParams,
        body: meetingBody,
        response: { 201: meetingSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      const principal = authorize(req.principal, "meeting.manage", hall);
      const date = req.body.date ?? localParts(new Date(), tz).date;
      const [campaigns, figures] = await Promise.all([campaignsOf(hall, date), figuresOf(hall, date)]);
      const m = await createMeeting(
        db,
        { hallId: hall.id, date, by: userOf(principal), campaigns, figures },
        req.body,
      );
      return reply.status(201).send(await present(principal, m));
    },
  );

  app.get(
    "/api/halls/:hallId/meetings",
    {
      schema: {
        tags,
        summary: "The hall's meetings, the latest first, with how many of its staff confirmed the notices",
        params: hallIdParams,
        querystring: meetingListQuery,
        response: { 200: meetingsPage, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const principal = authorize(req.principal, "meeting.read", hall);
      const page = await listMeetings(db, hall.id, req.query);
      const [{ counts, mine }, staff] = await Promise.all([
        confirmationCounts(
          db,
          hall.id,
          page.items.map((m) => m.id),
          userOf(principal),
        ),
        hallStaff(hall.id),
      ]);
      return {
        items: page.items.map((m) => ({
          id: m.id,
          hallId: m.hallId,
          date: m.meetingDate,
          state: m.state,
          confirmedByMe: mine.has(m.id),
          notices: m.notices.length,
          confirmed: counts.get(m.id) ?? 0,
          staff: staff.length,
          present: m.attendance.filter((a) => a.present).length,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    "/api/meetings/:id",
    { schema: { tags, params: idParams, response: { 200: meetingSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const principal = authorize(req.principal, "meeting.read");
      return present(principal, (await visible(principal, req.params.id)).m);
    },
  );

  app.patch(
    "/api/meetings/:id",
    {
      schema: {
        tags,
        summary: "Change an open meeting's agenda, notices, attendance or minutes",
        params: idParams,
        body: meetingPatch,
        response: { 200: meetingSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const principal = authorize(req.principal, "meeting.manage");
      const { m } = await visible(principal, req.params.id);
      if (req.body.attendance) {
        const staff = new Set((await hallStaff(m.hallId)).map((u) => u.id));
        for (const a of req.body.attendance)
          await referenced("Staff", async () => (staff.has(a.userId) ? a : null));
      }
      return present(principal, await updateMeeting(db, m.id, req.body));
    },
  );

  app.post(
    "/api/meetings/:id/close",
    {
      schema: {
        tags,
        summary: "Close the meeting with its minutes and attendance",
        params: idParams,
        response: { 200: meetingSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const principal = authorize(req.principal, "meeting.manage");
      const { m } = await visible(principal, req.params.id);
      return present(principal, await closeMeeting(db, m.id));
    },
  );

  app.post(
    "/api/meetings/:id/confirm",
    {
      schema: {
        tags,
        summary: "Confirm one has read the meeting's notices (the hall's own staff, on their phone)",
        params: idParams,
        response: { 200: meetingSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const principal = authorize(req.principal, "meeting.read");
      const { m } = await visible(principal, req.params.id);
      if (!ofHall(principal, m.hallId) || principal.kind !== "user")
        throw forbidden("The hall's own staff confirm its notices");
      await confirmMeeting(db, m, principal.id);
      return present(principal, m);
    },
  );
}
