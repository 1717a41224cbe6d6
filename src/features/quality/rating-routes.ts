import type { FastifyInstance } from "fastify";
import { authorize, userOf } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError } from "../../core/errors.js";
import { localParts, zonedInstant } from "../../core/time.js";
import { nextDate } from "../customers/rules.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall, listBusinessTypes, listCounters } from "../halls/data.js";
import { staffNames } from "../users/data.js";
import { ratingsQuery, ratingsSchema } from "./contract.js";
import { type RatingGrouping, ratingGroups } from "./data/ratings.js";
import { summarize } from "./rules.js";

const tags = ["quality"];
const DAY = 86_400_000;
const MAX_DAYS = 400;

// R-EVAL: the pad's ratings rolled up — a hall's per counter, person, business type or period for its
// managers; one's own per period for the person rated. Nobody reads a colleague's individual ratings.
export async function ratingRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const tz = ctx.env.TINGWU_TIMEZONE;

  /** The local days asked for, as instants [from, to). */
  function span(q: { from?: string; to?: string }) {
    const to = q.to ?? localParts(new Date(), tz).date;
    const from = q.from ?? nextDate(to, -29);
    const days = (Date.parse(to) - Date.parse(from)) / DAY + 1;
    if (days < 1) throw new AppError("invalid_input", "from: on or before to", { field: "from" });
    if (days > MAX_DAYS)
      throw new AppError("invalid_input", `At most ${MAX_DAYS} days at a time`, { field: "from" });
    return { from, to, start: zonedInstant(from, 0, tz), end: zonedInstant(nextDate(to), 0, tz) };
  }
  const answer = (
    by: RatingGrouping,
    s: ReturnType<typeof span>,
    groups: Awaited<ReturnType<typeof ratingGroups>>,
    label: (k: string | null) => string,
  ) => {
    const counts: Record<string, number> = {};
    for (const g of groups) for (const [r, n] of Object.entries(g.byRating)) counts[r] = (counts[r] ?? 0) + n;
    return {
      by,
      from: s.from,
      to: s.to,
      total: summarize(counts),
      groups: groups
        .map((g) => ({ ...g, label: label(g.key) }))
        .sort((a, b) =>
          by === "day" || by === "month" || by === "quarter"
            ? String(a.key).localeCompare(String(b.key))
            : b.count - a.count,
        ),
    };
  };

  app.get(
    "/api/halls/:hallId/ratings",
    {
      schema: {
        tags,
        summary: "A hall's pad ratings by counter, staff member, business type, day, month or quarter",
        params: hallIdParams,
        querystring: ratingsQuery,
        response: { 200: ratingsSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "quality.ratings", hall);
      const s = span(req.query);
      const { by } = req.query;
      const groups = await ratingGroups(db, { hallId: hall.id, by, from: s.start, to: s.end, timeZone: tz });
      const keys = groups.map((g) => g.key).filter((k): k is string => k !== null);
      const names = new Map<string, string>(
        by === "counter"
          ? (await listCounters(db, hall.id)).map((c) => [c.id, c.label])
          : by === "staff"
            ? await staffNames(db, keys)
            : by === "business_type"
              ? (await listBusinessTypes(db)).map((b) => [b.code, b.name])
              : [],
      );
      return answer(by, s, groups, (k) => (k === null ? "—" : (names.get(k) ?? k)));
    },
  );

  app.get(
    "/api/quality/my-ratings",
    {
      schema: {
        tags,
        summary: "One's own pad ratings (我的评价) by day, month or quarter, or by business type",
        querystring: ratingsQuery,
        response: { 200: ratingsSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "quality.myRatings");
      const { by } = req.query;
      if (by === "staff" || by === "counter")
        throw new AppError("invalid_input", "by: your own ratings go by period or business type", {
          field: "by",
        });
      const s = span(req.query);
      const staffId = userOf(p) ?? "";
      const groups = await ratingGroups(db, { staffId, by, from: s.start, to: s.end, timeZone: tz });
      const names = new Map(
        by === "business_type" ? (await listBusinessTypes(db)).map((b) => [b.code, b.name] as const) : [],
      );
      return answer(by, s, groups, (k) => (k === null ? "—" : (names.get(k) ?? k)));
    },
  );
}
