// The exact steady-state maths of a hall's counters (排班 R-ROSTER, R-TIME's 10-minute waiting limit):
// Erlang B (M/M/c/c), Erlang C (M/M/c) and Erlang A (Palm's M/M/c+M, customers who give up after an
// exponential patience). No factorials and no powers: Erlang B by its recursion, C from B, and the
// Erlang A queue as a birth–death chain whose tail is summed term by term with rescaling, so c in the
// thousands and loads near saturation stay exact to rounding.

export type QueueModel = {
  arrivalsPerHour: number;
  meanServiceSeconds: number;
  counters: number;
  /** The waiting limit the service level counts against (R-TIME: 600 s). */
  targetWaitSeconds: number;
  /** Erlang A: a waiting customer leaves after an exponential patience with this mean; absent = Erlang C. */
  meanPatienceSeconds?: number;
};

export type QueueFigures = {
  /** Erlangs: arrivals × mean service time, the counters' worth of work arriving. */
  offeredLoad: number;
  /** Share of customers who find every counter busy. */
  probabilityOfWaiting: number;
  /** Mean time in line over all customers, those served at once included (and abandoners' time in line). */
  meanWaitSeconds: number;
  /** Share of customers served within the target wait (abandoners count as misses). */
  serviceLevel: number;
  /** Share of counter time spent serving. */
  occupancy: number;
  /** Erlang A only: share of customers who give up before being served. */
  probabilityOfAbandon?: number;
};

export type QueueResult =
  | { ok: true; figures: QueueFigures }
  | { ok: false; code: "unstable_load"; message: string; offeredLoad: number };

export const offeredLoad = (arrivalsPerHour: number, meanServiceSeconds: number) =>
  (arrivalsPerHour * meanServiceSeconds) / 3600;

/** Erlang B: the share of customers a loss system of `counters` turns away: B(k) = A·B(k−1)/(k + A·B(k−1)). */
export function erlangB(counters: number, load: number): number {
  let b = 1;
  for (let k = 1; k <= counters; k++) b = (load * b) / (k + load * b);
  return b;
}

/** Erlang C from B: C = B / (1 − ρ(1 − B)), ρ = A/c < 1. Both terms of the denominator are positive. */
export function erlangCFromB(counters: number, load: number, b: number): number {
  const rho = load / counters;
  return b / (1 - rho * (1 - b));
}

/** Erlang C or A figures for one interval's steady state, or why there is none (c ≤ A without patience). */
export function queueFigures(model: QueueModel): QueueResult {
  const load = offeredLoad(model.arrivalsPerHour, model.meanServiceSeconds);
  if (model.meanPatienceSeconds !== undefined) return { ok: true, figures: erlangA(model, load) };
  if (load >= model.counters) {
    return {
      ok: false,
      code: "unstable_load",
      offeredLoad: load,
      message:
        `The offered load is ${round(load)} Erlangs: ${model.counters} counters cannot keep up, the line grows ` +
        "without end (Erlang C needs more counters than the load; give meanPatienceSeconds for Erlang A)",
    };
  }
  return { ok: true, figures: erlangCFigures(model, load, erlangB(model.counters, load)) };
}

function erlangCFigures(model: QueueModel, load: number, b: number): QueueFigures {
  const { counters: c, meanServiceSeconds: s, targetWaitSeconds: t } = model;
  if (load === 0) {
    return { offeredLoad: 0, probabilityOfWaiting: 0, meanWaitSeconds: 0, serviceLevel: 1, occupancy: 0 };
  }
  const wait = erlangCFromB(c, load, b);
  // The wait of those who wait is exponential with rate cμ − λ = (c − A)/s.
  const drain = (c - load) / s;
  return {
    offeredLoad: load,
    probabilityOfWaiting: wait,
    meanWaitSeconds: wait / drain,
    serviceLevel: 1 - wait * Math.exp(-drain * t),
    occupancy: load / c,
  };
}

const RESCALE = 1e250;

/**
 * Erlang A (M/M/c+M). With λ arrivals, c counters at rate μ (a = cμ) and patience rate θ, the chain has
 * π(c+k) = π(c)·q(k), q(k) = Π_{j≤k} λ/(a + jθ), and Σ_{n≤c} π(n) = π(c)/B(c, A). A customer who finds k
 * waiting ahead needs k + 1 advances at rates a, a + θ, …, a + kθ; that sum has density
 * C·e^{−at}(1 − e^{−θt})^k, from which (u = 1 − e^{−θt}):
 *   P(served) = a/(a + (k+1)θ),  P(served within T) = a/(a + (k+1)θ) · I_U(k+1, a/θ + 1),  U = 1 − e^{−θT},
 * I the regularised incomplete beta, stepped in k by I_U(k+2, β) = I_U(k+1, β) − t_k with t_k in logs.
 */
function erlangA(model: QueueModel, load: number): QueueFigures {
  const c = model.counters;
  const mu = 1 / model.meanServiceSeconds;
  const lambda = model.arrivalsPerHour / 3600;
  const theta = 1 / (model.meanPatienceSeconds as number);
  if (lambda === 0) {
    return {
      offeredLoad: 0,
      probabilityOfWaiting: 0,
      meanWaitSeconds: 0,
      serviceLevel: 1,
      occupancy: 0,
      probabilityOfAbandon: 0,
    };
  }
  const a = c * mu;
  const beta = a / theta + 1;
  const t = model.targetWaitSeconds;
  const logU = t > 0 ? Math.log(-Math.expm1(-theta * t)) : Number.NEGATIVE_INFINITY;
  let incBeta = t > 0 ? -Math.expm1(-(a + theta) * t) : 0; // I_U(1, β) = 1 − (1 − U)^β
  let logStep = Math.log(beta) + logU - (a + theta) * t; // log t_0

  // Sums over k of q(k) (all scaled alike): waiting, in line (k), given up, served within T.
  let q = 1;
  let sumQ = 0;
  let sumK = 0;
  let sumAbandon = 0;
  let sumWithin = 0;
  let scaledBy = 0; // powers of RESCALE divided out of every sum
  for (let k = 0; k < 50_000_000; k++) {
    const served = a / (a + (k + 1) * theta);
    sumQ += q;
    sumK += k * q;
    sumAbandon += q * (1 - served);
    sumWithin += q * served * incBeta;
    if (t > 0) {
      incBeta = Math.max(0, incBeta - Math.exp(logStep));
      logStep += Math.log((k + beta + 1) / (k + 2)) + logU;
    }
    const r = lambda / (a + (k + 1) * theta);
    const next = q * r;
    // The ratios fall with k, so once below 1 the rest is under a geometric tail: stop when negligible.
    if (r < 1) {
      const tailQ = next / (1 - r);
      const tailK = next * ((k + 1) / (1 - r) + 1 / (1 - r) ** 2);
      if (tailQ < 1e-16 * sumQ && tailK <= 1e-16 * sumK) break;
    }
    q = next;
    if (q > RESCALE) {
      q /= RESCALE;
      sumQ /= RESCALE;
      sumK /= RESCALE;
      sumAbandon /= RESCALE;
      sumWithin /= RESCALE;
      scaledBy++;
    }
  }
  const b = erlangB(c, load);
  // P(all busy) = π(c)·ΣQ = ΣQ / (1/B − 1 + ΣQ), with ΣQ held as sumQ · RESCALE^scaledBy.
  const belowC = (1 / b - 1) / sumQ / RESCALE ** scaledBy;
  const waiting = 1 / (1 + belowC);
  const abandon = (waiting * sumAbandon) / sumQ;
  return {
    offeredLoad: load,
    probabilityOfWaiting: waiting,
    meanWaitSeconds: (waiting * sumK) / sumQ / lambda, // Little: E[queue]/λ
    serviceLevel: 1 - waiting + (waiting * sumWithin) / sumQ,
    occupancy: (load * (1 - abandon)) / c,
    probabilityOfAbandon: abandon,
  };
}

export type Requirement = Omit<QueueModel, "counters"> & { targetServiceLevel: number };

/** The least counters whose steady-state service level meets the target (0 when nobody comes). */
export function requiredCounters(req: Requirement, maxCounters = 100_000): number {
  const load = offeredLoad(req.arrivalsPerHour, req.meanServiceSeconds);
  if (load === 0) return 0;
  if (req.meanPatienceSeconds !== undefined) {
    for (let c = 1; c <= maxCounters; c++) {
      const r = queueFigures({ ...req, counters: c });
      if (r.ok && r.figures.serviceLevel >= req.targetServiceLevel) return c;
    }
    return maxCounters;
  }
  // Erlang C: step c up from the first stable count, carrying B(c) along instead of recomputing it.
  let c = Math.floor(load) + 1;
  let b = erlangB(c, load);
  for (; c <= maxCounters; c++) {
    if (erlangCFigures({ ...req, counters: c }, load, b).serviceLevel >= req.targetServiceLevel) return c;
    b = (load * b) / (c + 1 + load * b);
  }
  return maxCounters;
}

const round = (n: number) => Math.round(n * 100) / 100;
