// From the turn bench's contenders to the table's figures: ratios per round (our bot against the echo bot
// measured moments before), then the median; peak RSS; failed requests.
import type { BenchFigures, Measured } from './report-table.js';
import { median, medianRun, round } from './stats.js';
import { peakRssMb, type Contender, type Target } from './turn-bench.js';

export interface TurnRun {
  contenders: Contender[];
  /** Why a target has no contender (not selected, PostgreSQL unreachable, failed to start). */
  skipped: Partial<Record<Target, string>>;
}

function missingFor(run: TurnRun, target: Target): { missing: string } {
  return { missing: run.skipped[target] ?? `${target} not measured` };
}

export function turnFigures(
  run: TurnRun,
): Pick<BenchFigures, 'peakRssMb' | 'throughputRatio' | 'singleP50Ratio' | 'clickP95Ms' | 'failedRequests' | 'cpu'> {
  const find = (t: Target) => run.contenders.find((c) => c.target === t);
  const echo = find('echo');
  const pg = find('postgres');
  const peak = (t: Target): Measured => {
    const c = find(t);
    return c ? { value: peakRssMb(c), note: c.hwmMb ? `VmHWM since start ${Math.round(c.hwmMb)} MB` : undefined } : missingFor(run, t);
  };
  let throughputRatio: BenchFigures['throughputRatio'] = missingFor(run, echo ? 'postgres' : 'echo');
  let singleP50Ratio: BenchFigures['singleP50Ratio'] = throughputRatio;
  if (echo && pg) {
    const n = Math.min(pg.rounds.concurrent.length, echo.rounds.concurrent.length);
    const perRound = (f: (i: number) => number) => round(median(Array.from({ length: n }, (_, i) => f(i))), 3);
    const [bot, base] = [medianRun(pg.rounds.concurrent), medianRun(echo.rounds.concurrent)];
    const [botSingle, baseSingle] = [medianRun(pg.rounds.single), medianRun(echo.rounds.single)];
    throughputRatio = {
      value: {
        ratio: perRound((i) => pg.rounds.concurrent[i].throughput / echo.rounds.concurrent[i].throughput),
        bot: bot?.throughput ?? NaN,
        echo: base?.throughput ?? NaN,
        connections: bot?.connections ?? NaN,
      },
    };
    singleP50Ratio = {
      value: {
        ratio: perRound((i) => pg.rounds.single[i].latencyMs.p50 / echo.rounds.single[i].latencyMs.p50),
        botMs: botSingle?.latencyMs.p50 ?? NaN,
        echoMs: baseSingle?.latencyMs.p50 ?? NaN,
      },
    };
  }
  const failed = run.contenders.reduce(
    (n, c) => n + [...c.rounds.concurrent, ...c.rounds.single].reduce((m, r) => m + r.non2xx + r.errors + r.timeouts, 0),
    0,
  );
  return {
    peakRssMb: { postgres: peak('postgres'), pglite: peak('pglite'), echo: peak('echo') },
    throughputRatio,
    singleP50Ratio,
    clickP95Ms: pg?.clicks
      ? {
          value: {
            p95: pg.clicks.latencyMs.p95,
            p50: pg.clicks.latencyMs.p50,
            clicks: pg.clicks.clicks,
            failed: pg.clicks.failed,
            verb: pg.clicks.verb,
            ...(pg.clicksAlone ? { alone: { p50: pg.clicksAlone.latencyMs.p50, p95: pg.clicksAlone.latencyMs.p95 } } : {}),
            ...(pg.clickLoad ? { load: pg.clickLoad } : {}),
          },
        }
      : missingFor(run, 'postgres'),
    failedRequests: run.contenders.length ? { value: failed } : { missing: 'no turn bench' },
    cpu: { bot: pg?.profile?.cpu, echo: echo?.profile?.cpu },
  };
}
