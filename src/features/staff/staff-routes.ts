import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, can, userOf } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError, notFound } from "../../core/errors.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall } from "../halls/data.js";
import { hallOfRecord } from "../halls/record-scope.js";
import { activeStaff, findActiveUser } from "../users/data.js";
import {
  getShift,
  getStaff,
  getSwap,
  listStaff,
  listSwapViews,
  listTemplates,
  myShifts,
  presentTemplate,
} from "./data.js";
import { localClock } from "./live.js";
import { decideSwapAndApply } from "./mutations/roster-edits.js";
import {
  addAbsence,
  createStaff,
  createTemplate,
  removeAbsence,
  requestSwap,
  updateStaff,
} from "./mutations.js";
import {
  absenceBody,
  absenceParams,
  myShiftsSchema,
  staffAccountSchema,
  staffBody,
  staffIdParams,
  staffPatch,
  staffSchema,
  swapBody,
  swapDecisionBody,
  swapIdParams,
  swapListQuery,
  swapSchema,
  swapViewSchema,
  templateBody,
  templateSchema,
} from "./roster-contract.js";

const tags = ["staffing"];

// The hall's people and shift shapes (排班 R-ROSTER), a person's own shifts, and swaps (换班).
export async function staffRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

  /** A staff member the asker may manage; one of another hall is answered as one that does not exist. */
  const staffInScope = async (principal: Parameters<typeof authorize>[0], staffId: string) => {
    const p = authorize(principal, "staffing.manage");
    const person = await getStaff(db, staffId);
    await hallOfRecord(db, p, person.hallId, "staff member");
    return person;
  };
  const one = async (hallId: string, id: string) => {
    const found = (await listStaff(db, hallId)).find((s) => s.id === id);
    if (!found) throw notFound("staff member");
    return found;
  };

  // A roster entry names an account of its own hall or none: another hall's account is not seen.
  const accountOfHall = async (hallId: string, userId: string | null | undefined) => {
    if (userId == null) return;
    const account = await findActiveUser(db, userId);
    if (!account || account.hallId !== hallId) throw notFound("account");
  };

  app.get(
    "/api/halls/:hallId/staff/accounts",
    {
      schema: {
        tags,
        summary:
          "The hall's active sign-in accounts, to link a roster entry to (its shifts reach that phone)",
        params: hallIdParams,
        response: { 200: z.array(staffAccountSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "staffing.manage", hall);
      const accounts = await activeStaff(db, { within: { hallId: hall.id } });
      return accounts
        .filter((a) => a.hallId === hall.id)
        .map((a) => ({ id: a.id, username: a.username, displayName: a.displayName, role: a.role }))
        .sort((a, b) => a.username.localeCompare(b.username));
    },
  );

  app.get(
    "/api/halls/:hallId/staff",
    {
      schema: {
        tags,
        summary: "The hall's staff: skills, contract, availability, absences",
        params: hallIdParams,
        response: { 200: z.array(staffSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "staffing.read", hall);
      return listStaff(db, hall.id);
    },
  );

  app.post(
    "/api/halls/:hallId/staff",
    {
      schema: {
        tags,
        summary: "Add a person to the hall's roster pool",
        params: hallIdParams,
        body: staffBody,
        response: { 201: staffSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "staffing.manage", hall);
      await accountOfHall(hall.id, req.body.userId);
      const row = await createStaff(db, hall.id, req.body);
      reply.code(201);
      return one(hall.id, row.id);
    },
  );

  app.patch(
    "/api/staff/:staffId",
    {
      schema: {
        tags,
        summary: "Change a person's skills, contract, availability or account",
        params: staffIdParams,
        body: staffPatch,
        response: { 200: staffSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const person = await staffInScope(req.principal, req.params.staffId);
      await accountOfHall(person.hallId, req.body.userId);
      await updateStaff(db, person.id, req.body);
      return one(person.hallId, person.id);
    },
  );

  app.post(
    "/api/staff/:staffId/absences",
    {
      schema: {
        tags,
        summary: "Record leave (请假) or sickness (病假): no roster puts the person on those days",
        params: staffIdParams,
        body: absenceBody,
        response: { 201: staffSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const person = await staffInScope(req.principal, req.params.staffId);
      await addAbsence(db, person.hallId, person.id, req.body);
      reply.code(201);
      return one(person.hallId, person.id);
    },
  );

  app.delete(
    "/api/staff/:staffId/absences/:absenceId",
    {
      schema: {
        tags,
        summary: "Withdraw an absence recorded by mistake",
        params: absenceParams,
        response: { 200: staffSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const person = await staffInScope(req.principal, req.params.staffId);
      if (!(await removeAbsence(db, person.id, req.params.absenceId))) throw notFound("absence");
      return one(person.hallId, person.id);
    },
  );

  app.get(
    "/api/halls/:hallId/shift-templates",
    {
      schema: {
        tags,
        summary: "The hall's shift templates",
        params: hallIdParams,
        response: { 200: z.array(templateSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "staffing.read", hall);
      return (await listTemplates(db, hall.id)).map(presentTemplate);
    },
  );

  app.post(
    "/api/halls/:hallId/shift-templates",
    {
      schema: {
        tags,
        summary: "Add a shift template (start and length) the optimiser may use",
        params: hallIdParams,
        body: templateBody,
        response: { 201: templateSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "staffing.manage", hall);
      reply.code(201);
      return presentTemplate(await createTemplate(db, hall.id, req.body));
    },
  );

  app.get(
    "/api/staffing/my-shifts",
    {
      schema: {
        tags,
        summary: "The asker's own shifts from today on, in published rosters (the phone view)",
        response: { 200: myShiftsSchema, ...errors(401, 403) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "staffing.myShifts");
      const userId = userOf(p);
      if (!userId) return { staff: [], colleagues: [], swaps: [], shifts: [] };
      return myShifts(db, userId, localClock(new Date(), ctx.env.TINGWU_TIMEZONE).date);
    },
  );

  app.post(
    "/api/staffing/swaps",
    {
      schema: {
        tags,
        summary: "Ask a colleague of the same hall to take one of your shifts (换班)",
        body: swapBody,
        response: { 201: swapSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "staffing.myShifts");
      const shift = await getShift(db, req.body.shiftId);
      const owner = await getStaff(db, shift.staffId);
      if (owner.userId !== userOf(p)) throw notFound("shift");
      const other = await getStaff(db, req.body.toStaffId).catch(() => null);
      if (!other || other.hallId !== owner.hallId) throw notFound("staff member");
      if (other.id === owner.id) throw new AppError("rule_violation", "A swap is with someone else");
      reply.code(201);
      return requestSwap(db, owner.hallId, shift.id, owner.id, other.id);
    },
  );

  app.get(
    "/api/halls/:hallId/staffing/swaps",
    {
      schema: {
        tags,
        summary:
          "The hall's swap requests (换班), newest first; ?state=requested for those awaiting a decision",
        params: hallIdParams,
        querystring: swapListQuery,
        response: { 200: z.array(swapViewSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "staffing.read", hall);
      return listSwapViews(db, { hallId: hall.id, state: req.query.state }, can(p, "staffing.manage"));
    },
  );

  app.post(
    "/api/staffing/swaps/:swapId/decision",
    {
      schema: {
        tags,
        summary:
          "Approve or reject a requested swap; an approved one moves the shift and re-checks the roster",
        params: swapIdParams,
        body: swapDecisionBody,
        response: { 204: z.null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "staffing.manage");
      const swap = await getSwap(db, req.params.swapId);
      await hallOfRecord(db, p, swap.hallId, "swap");
      await decideSwapAndApply(db, swap.id, req.body.decision, userOf(p));
      reply.code(204);
      return null;
    },
  );
}
