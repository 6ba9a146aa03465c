// Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
// "Fightin' Words", eq. 16–22): how much more one group uses a term than the other, shrunk
// towards how common the term is overall, divided by its standard error. The z-score reads like
// any z: |z| ≥ 1.96 would happen by chance in fewer than 1 in 20 comparisons of that one term.

export interface LogOdds {
  /** log-odds of group a minus log-odds of group b, with the prior added to both */
  delta: number;
  /** delta divided by its estimated standard deviation: > 0 leans to a, < 0 to b */
  z: number;
}

export interface LogOddsInput {
  /** counts per term in group a and in group b */
  a: ReadonlyMap<string, number>;
  b: ReadonlyMap<string, number>;
  /** counts per term in the background the prior is made from (both groups and the rest) */
  background: ReadonlyMap<string, number>;
  /** α0, the prior's total weight, spread over the terms in proportion to the background */
  priorWeight: number;
}

function sum(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}

/** δ and z for every term counted in a or b. */
export function weightedLogOdds(input: LogOddsInput): Map<string, LogOdds> {
  const na = sum(input.a);
  const nb = sum(input.b);
  const backgroundTotal = sum(input.background);
  const a0 = input.priorWeight;
  const out = new Map<string, LogOdds>();
  if (backgroundTotal === 0) return out;
  const terms = new Set([...input.a.keys(), ...input.b.keys()]);
  for (const term of terms) {
    const ya = input.a.get(term) ?? 0;
    const yb = input.b.get(term) ?? 0;
    // A term missing from the background still gets a small prior, so the logs stay finite.
    const alpha = (a0 * Math.max(input.background.get(term) ?? 0, ya + yb, 1)) / backgroundTotal;
    const delta = Math.log((ya + alpha) / (na + a0 - ya - alpha)) - Math.log((yb + alpha) / (nb + a0 - yb - alpha));
    const variance = 1 / (ya + alpha) + 1 / (yb + alpha);
    out.set(term, { delta, z: delta / Math.sqrt(variance) });
  }
  return out;
}
