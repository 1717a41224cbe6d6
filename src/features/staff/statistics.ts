// The few statistics the simulation reports. Mean, sample standard error and a nearest-rank percentile are
// two lines each; nothing here needs a distribution's quantile (the 99 % intervals in the tests take
// Student's t from the table for their fixed replication count), so no statistics package is pulled in.

export const mean = (values: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length ? sum / values.length : 0;
};

/** Standard error of the mean of independent values (sample standard deviation / √n); 0 for n < 2. */
export function standardError(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - m) ** 2;
  return Math.sqrt(ss / (n - 1) / n);
}

/** The p-th percentile by nearest rank (p in 0…100) of values, which it sorts in place. */
export function percentile(values: Float64Array, p: number): number {
  if (values.length === 0) return 0;
  values.sort();
  return values[Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1))];
}
