// The instant of a new moon (朔), after Meeus, Astronomical Algorithms ch. 49 (error well under a minute
// for these centuries). ICU's Chinese calendar uses a coarser model and puts 正月初一 2027 on 02-07,
// where the new moon at 15:56 UTC (23:56 in Beijing) makes it 02-06; this corrects such edge days.
const rad = Math.PI / 180;
const sin = (deg: number) => Math.sin(deg * rad);
const SYNODIC = 29.530588861;
const JD_UNIX_EPOCH = 2440587.5;

// ΔT (TT − UT) in seconds, NASA's polynomial for 2005–2050; a few seconds off elsewhere, which is enough.
function deltaT(year: number) {
  const t = year - 2000;
  return 62.92 + 0.32217 * t + 0.005589 * t * t;
}

function newMoonJde(k: number): number {
  const T = k / 1236.85;
  const E = 1 - 0.002516 * T - 0.0000074 * T * T;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T * T - 0.00000011 * T ** 3;
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T * T + 0.00001238 * T ** 3 - 0.000000058 * T ** 4;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T * T - 0.00000227 * T ** 3 + 0.000000011 * T ** 4;
  const O = 124.7746 - 1.56375588 * k + 0.0020672 * T * T + 0.00000215 * T ** 3;
  let jde = 2451550.09766 + SYNODIC * k + 0.00015437 * T * T - 0.00000015 * T ** 3 + 0.00000000073 * T ** 4;
  jde +=
    -0.4072 * sin(Mp) +
    0.17241 * E * sin(M) +
    0.01608 * sin(2 * Mp) +
    0.01039 * sin(2 * F) +
    0.00739 * E * sin(Mp - M) -
    0.00514 * E * sin(Mp + M) +
    0.00208 * E * E * sin(2 * M) -
    0.00111 * sin(Mp - 2 * F) -
    0.00057 * sin(Mp + 2 * F) +
    0.00056 * E * sin(2 * Mp + M) -
    0.00042 * sin(3 * Mp) +
    0.00042 * E * sin(M + 2 * F) +
    0.00038 * E * sin(M - 2 * F) -
    0.00024 * E * sin(2 * Mp - M) -
    0.00017 * sin(O) -
    0.00007 * sin(Mp + 2 * M) +
    0.00004 * sin(2 * Mp - 2 * F) +
    0.00004 * sin(3 * M) +
    0.00003 * sin(Mp + M - 2 * F) +
    0.00003 * sin(2 * Mp + 2 * F) -
    0.00003 * sin(Mp + M + 2 * F) +
    0.00003 * sin(Mp - M + 2 * F) -
    0.00002 * sin(Mp - M - 2 * F) -
    0.00002 * sin(3 * Mp + M) +
    0.00002 * sin(4 * Mp);
  const planetary: [number, number, number][] = [
    [0.000325, 299.77, 0.107408],
    [0.000165, 251.88, 0.016321],
    [0.000164, 251.83, 26.651886],
    [0.000126, 349.42, 36.412478],
    [0.00011, 84.66, 18.206239],
    [0.000062, 141.74, 53.303771],
    [0.00006, 207.14, 2.453732],
    [0.000056, 154.84, 7.30686],
    [0.000047, 34.52, 27.261239],
    [0.000042, 207.19, 0.121824],
    [0.00004, 291.34, 1.844379],
    [0.000037, 161.72, 24.198154],
    [0.000035, 239.56, 25.513099],
    [0.000023, 331.55, 3.592518],
  ];
  for (const [i, [c, a, b]] of planetary.entries()) {
    const arg = a + b * k - (i === 0 ? 0.009173 * T * T : 0);
    jde += c * sin(arg);
  }
  return jde;
}

/** The new moon closest to an instant. */
export function newMoonNear(at: Date): Date {
  const jd = at.getTime() / 86_400_000 + JD_UNIX_EPOCH;
  const k = Math.round((jd - 2451550.09766) / SYNODIC);
  const jde = newMoonJde(k);
  const year = at.getUTCFullYear();
  return new Date((jde - deltaT(year) / 86_400 - JD_UNIX_EPOCH) * 86_400_000);
}

/** The Beijing (UTC+8) civil date of the new moon closest to a date: the true first day of its month. */
export function firstDayOfLunarMonthNear(date: string): string {
  const moon = newMoonNear(new Date(`${date}T00:00:00+08:00`));
  return new Date(moon.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
