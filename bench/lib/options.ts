// How long and how often: full runs by default, tiny ones in smoke mode (npm test checks that the
// suite runs and fills every row; its figures mean nothing).
export interface BenchOptions {
  smoke: boolean;
  /** Interleaved rounds of bare and ours. */
  rounds: number;
  rate: number;
  warmupS: number;
  fixedRateS: number;
  saturateS: number;
  /** Scrapes per series count. */
  scrapes: number;
  /** telemetrygen run length per signal. */
  generatorS: number;
  /** Requests whose freshness is measured. */
  freshnessRequests: number;
}

export function benchOptions(smoke: boolean, env = process.env): BenchOptions {
  const rounds = Number(env.BENCH_ROUNDS) || (smoke ? 1 : 3);
  return smoke
    ? { smoke, rounds, rate: 50, warmupS: 0.2, fixedRateS: 0.5, saturateS: 0.5, scrapes: 2, generatorS: 1, freshnessRequests: 2 }
    : { smoke, rounds, rate: 300, warmupS: 3, fixedRateS: 10, saturateS: 10, scrapes: 20, generatorS: 10, freshnessRequests: 20 };
}
