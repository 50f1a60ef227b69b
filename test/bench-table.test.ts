// The bench's table builder (bench/report-table.ts) on fixed figures: each figure of issue 22 gets its
// target and the right verdict, a missing figure says why and is never “met”, and the Dockerfile's
// static checks read the real file. No process is started. (The notes on missed targets:
// test/bench-why-notes.test.ts.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dockerfileChecks } from '../bench/image-check.js';
import { parseArgs } from '../bench/args.js';
import { buildTable, tally } from '../bench/report-table.js';
import type { Contender } from '../bench/turn-bench.js';
import { turnFigures } from '../bench/turn-figures.js';
import type { TurnLoadResult } from '../bench/turn-load.js';
import { byFigure, figures } from './helpers/bench-figures.js';

describe('bench: the issue-22 table and its verdicts', () => {
  it('gives every figure of the issue its target and a verdict, boundaries included', () => {
    const rows = buildTable(figures());
    const verdict = (start: string) => byFigure(rows, start).verdict;
    assert.equal(verdict('idle RSS, node dist/bot/main.js, PGlite demo'), 'met');
    assert.equal(verdict('idle RSS, node dist/bot/main.js, PostgreSQL'), 'NOT MET');
    assert.equal(verdict('peak RSS under load, PostgreSQL'), 'met'); // 199 < 200
    assert.equal(verdict('peak RSS under load, PGlite'), 'NOT MET'); // 400 is not < 400
    assert.equal(verdict('wizard-turn throughput'), 'met'); // 0.6 ≥ 0.6
    assert.equal(verdict('single-conversation p50'), 'NOT MET'); // ×2.01 > ×2
    assert.equal(verdict('SQL statements per wizard answer'), 'met');
    assert.equal(verdict('Action.Execute click p95'), 'met');
    assert.equal(verdict('start-up to ready, PostgreSQL'), 'met');
    assert.equal(verdict('start-up to ready, fresh PGlite demo'), 'not measured');
    assert.equal(verdict('container image'), 'not measured');
    assert.equal(verdict('failed requests'), 'met');
    assert.equal(byFigure(rows, 'container image').note, 'not measured here: no Docker engine');
    assert.equal(byFigure(rows, 'peak RSS under load, PostgreSQL').target, '< 200 MB');
    assert.equal(byFigure(rows, 'wizard-turn throughput').target, '≥ 0.6');
    assert.equal(byFigure(rows, 'SQL statements per wizard answer').value, '4 + 2 lock');
    assert.match(byFigure(rows, 'memory: bot on PostgreSQL, idle after start').note, /heap 60\/80 MB/);
    assert.deepEqual(tally(rows), { met: 8, 'NOT MET': 3, 'not measured': 2, info: 2 });
  });

  it('fails a click figure with failed clicks, and too many statements, whatever the p95', () => {
    const rows = buildTable(
      figures({
        clickP95Ms: { value: { p95: 10, p50: 5, clicks: 100, failed: 1, verb: 'plan.form' } },
        statementsPerAnswer: { value: { turn: 5, lock: 0, database: 'pglite' } },
      }),
    );
    assert.equal(byFigure(rows, 'Action.Execute click p95').verdict, 'NOT MET');
    assert.match(byFigure(rows, 'Action.Execute click p95').note, /1 failed/);
    assert.equal(byFigure(rows, 'SQL statements per wizard answer').verdict, 'NOT MET');
  });

  it('says when the machine was busy', () => {
    const quiet = byFigure(buildTable(figures()), 'load average');
    assert.equal(quiet.note, '');
    const busy = byFigure(buildTable(figures({ loadAverage: { start: [3.5, 3, 2], end: [4, 3, 2], cpus: 2 } })), 'load average');
    assert.match(busy.note, /busy/);
    assert.equal(busy.value, '3.50 3.00 2.00 → 4.00 3.00 2.00');
  });

  it('reads the Dockerfile: no syntax line, the base image an argument, production dependencies, compiled code', () => {
    const real = readFileSync(path.resolve(__dirname, '../deployment/Dockerfile'), 'utf8');
    assert.ok(
      dockerfileChecks(real).every((c) => c.ok),
      JSON.stringify(dockerfileChecks(real)),
    );
    const old = `# syntax=docker/dockerfile:1\nFROM node:20 AS runtime\nRUN npm ci\nCMD ["node", "--import", "tsx", "bot/main.ts"]\n`;
    assert.deepEqual(
      dockerfileChecks(old).map((c) => c.ok),
      [false, false, false, false],
    );
  });

  it('--quick shortens the runs unless told otherwise', () => {
    const quick = parseArgs(['--quick'], {});
    assert.equal(quick.duration, 2);
    assert.equal(quick.rounds, 1);
    assert.equal(parseArgs(['--quick', '--rounds', '3'], {}).rounds, 3);
    assert.equal(parseArgs([], {}).rounds, 3);
    assert.throws(() => parseArgs(['--fast'], {}), /unknown option --fast/);
    assert.equal(parseArgs([], {}).profile, true, 'the profiled run is part of every run');
    assert.equal(parseArgs(['--no-profile'], {}).profile, false);
    assert.equal(parseArgs(['--only', 'startup'], {}).only, 'startup');
    assert.throws(() => parseArgs(['--only', 'start'], {}), /--only turns\|answers\|startup/);
  });

  it('takes each ratio per round (our bot against the echo bot of the same round), then the median', () => {
    const run = (throughput: number, p50: number, non2xx = 0): TurnLoadResult => ({
      connections: 100,
      durationSeconds: 1,
      requests: 1,
      ok: 1,
      non2xx,
      errors: 0,
      timeouts: 0,
      statusCodes: {},
      throughput,
      latencyMs: { p50, p90: p50, p99: p50, max: p50, mean: p50 },
    });
    const contender = (target: string, concurrent: number[], single: number[], peakRss: number) =>
      ({
        target,
        rounds: { concurrent: concurrent.map((t) => run(t, 1)), single: single.map((p) => run(1, p)) },
        peakRss: peakRss * 1024 * 1024,
        hwmMb: peakRss + 10,
      }) as unknown as Contender;
    // The machine slows down in round 2: the per-round ratios stay 0.5, 0.6, 0.7 (median 0.6), where the
    // medians of each bot apart would give 300 ÷ 1000 = 0.3.
    const echo = contender('echo', [1000, 100, 1000], [1, 1, 2], 90);
    const pg = contender('postgres', [500, 60, 700], [2, 3, 2], 199);
    pg.rounds.single[1] = run(1, 3, 2);
    const f = turnFigures({ contenders: [echo, pg], skipped: { pglite: 'not selected (--targets)' } });
    assert.ok('value' in f.throughputRatio);
    assert.equal(f.throughputRatio.value.ratio, 0.6);
    assert.ok('value' in f.singleP50Ratio);
    assert.equal(f.singleP50Ratio.value.ratio, 2); // per round ×2, ×3, ×1
    assert.deepEqual(f.peakRssMb.postgres, { value: 199, note: 'VmHWM since start 209 MB' });
    assert.deepEqual(f.peakRssMb.pglite, { missing: 'not selected (--targets)' });
    assert.deepEqual(f.failedRequests, { value: 2 });
    assert.deepEqual(f.clickP95Ms, { missing: 'postgres not measured' });
  });
  it('says how much of the heap after the load a full collection frees, beside the peak it explains', () => {
    const after = {
      process: 'bot on PostgreSQL',
      phase: 'after the load',
      rssMb: 430,
      heapUsedMb: 298,
      heapTotalMb: 323,
      externalMb: 5,
      arrayBuffersMb: 2,
    };
    const rows = buildTable(figures({ memoryPhases: [{ ...after, liveHeapMb: 72 }] }));
    assert.match(
      byFigure(rows, 'peak RSS under load, PostgreSQL').note,
      /^echo bot 90 MB; after the load the heap held 298 MB, of which 72 MB live after a full collection/,
    );
    assert.equal(byFigure(rows, 'peak RSS under load, PGlite').note, '', 'no PGlite phase, nothing said');
    assert.match(byFigure(rows, 'memory: bot on PostgreSQL, after the load').note, /live heap after a full collection 72 MB$/);
    // Without the collection (an older figure set), the rows say nothing of it.
    assert.equal(byFigure(buildTable(figures({ memoryPhases: [after] })), 'peak RSS under load, PostgreSQL').note, 'echo bot 90 MB');
  });
});
