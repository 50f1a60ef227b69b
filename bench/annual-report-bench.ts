// The yearly report at the province's scale: 100,000 proposals in 200 reporting units on PostgreSQL,
// generated with generate_series in SQL (seconds, not minutes), then the province report (.docx + the
// streamed .xlsx annex) timed, with the peak RSS of the process sampled while it runs.
// Target: under 10 s at 100,000, with memory bounded (the figures are SQL aggregates; the annex is read
// through a cursor and written with backpressure), so the peak RSS must not grow with the number of
// proposals: runAnnualReportScaling() measures 20,000 and 100,000, each in a fresh process (a second run in
// the same process would start with the first one's heap), and compares the peak RSS growth.
//
//   npx tsx bench/annual-report-bench.ts [--heap-cap-mb 160|none]   # 20,000 then 100,000, each in its own process
//   npx tsx bench/annual-report-bench.ts --proposals 100000 [--units 200] [--database-url postgres://…]
//
// `npm run bench` (bench/run.ts) can call runAnnualReportBench() / runAnnualReportScaling() and print their figures.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../entities/data-source.js';
import { generateAnnualReport } from '../services/reports/annual-report-service.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';

export interface AnnualReportBenchOptions {
  proposals?: number;
  units?: number;
  /** An admin connection to PostgreSQL: a database is created for the run and dropped after. */
  adminUrl?: string;
  year?: number;
}

export interface AnnualReportBenchResult {
  proposals: number;
  reportingUnits: number;
  seedSeconds: number;
  /** Figures + .docx + .xlsx annex of the province. */
  reportSeconds: number;
  /** Where the time went: SQL figures, then the .docx and the annex (written at the same time). */
  phasesMs: { figures: number; docx: number; annex: number };
  annexRows: number;
  docxBytes: number;
  xlsxBytes: number;
  rssBeforeMb: number;
  peakRssMb: number;
  /** Peak RSS above the level before the report started. */
  peakRssGrowthMb: number;
  targetSeconds: number;
  met: boolean;
  /** The machine's load while measuring: the figures of a loaded machine are not the product's. */
  cpus: number;
  loadAverage1m: number;
}

const MB = 1024 * 1024;
export const ANNUAL_REPORT_TARGET_SECONDS = 10;

/** Units, officers, decisions, evaluations and obstacle reports in SQL; proposals with generate_series. */
async function seed(client: pg.Client, proposals: number, units: number, year: number): Promise<void> {
  await client.query(
    `INSERT INTO unit (code, name, kind, is_provincial_committee) VALUES ('UBND-TINH', 'Ủy ban nhân dân tỉnh Lào Cai', 'ubnd_tinh', true)`,
  );
  await client.query(
    `INSERT INTO unit (code, name, kind, parent_id, is_home_affairs) SELECT 'SNV', 'Sở Nội vụ', 'so_nganh', id, true FROM unit WHERE code = 'UBND-TINH'`,
  );
  // units − 1 more reporting units (departments and communes), and a room under every fourth department.
  await client.query(
    `INSERT INTO unit (code, name, kind, parent_id)
     SELECT CASE WHEN g % 3 = 0 THEN 'SO-' ELSE 'XA-' END || lpad(g::text, 3, '0'),
            CASE WHEN g % 3 = 0 THEN 'Sở số ' ELSE 'UBND xã số ' END || g,
            CASE WHEN g % 3 = 0 THEN 'so_nganh' ELSE 'ubnd_xa' END,
            (SELECT id FROM unit WHERE code = 'UBND-TINH')
       FROM generate_series(1, $1::int) g`,
    [units - 1],
  );
  await client.query(
    `INSERT INTO unit (code, name, kind, parent_id)
     SELECT u.code || '-P1', 'Phòng nghiệp vụ ' || u.name, 'phong', u.id FROM unit u WHERE u.kind = 'so_nganh' AND right(u.code, 1) IN ('0','4','8')`,
  );
  await client.query(
    `INSERT INTO officer (email, full_name, unit_id, position_title, role, is_manager)
     SELECT lower(u.code) || '.head@bench.invalid', 'Thủ trưởng ' || u.code, u.id, 'Giám đốc', 'head', true FROM unit u
     UNION ALL
     SELECT lower(u.code) || '.staff@bench.invalid', 'Chuyên viên ' || u.code, u.id, 'Chuyên viên', 'member', false FROM unit u WHERE NOT u.is_provincial_committee`,
  );
  const statuses = [
    'under_review',
    'voting',
    'returned',
    'approved',
    'approved_by_override',
    'rejected',
    'rejected',
    'implementing',
    'implementing',
    'implementing',
    'paused',
    'stopped',
    'completion_reported',
    'evaluating',
    'evaluated',
    'closed',
    'closed',
    'closed',
    'closed',
    'withdrawn',
  ];
  const fields = ['cai_cach_hanh_chinh', 'chuyen_doi_so', 'khoa_hoc_cong_nghe', 'y_te', 'giao_duc_dao_tao'];
  await client.query(
    `WITH staff AS (SELECT row_number() OVER (ORDER BY o.email) - 1 AS k, o.id, o.unit_id FROM officer o WHERE o.role = 'member'),
          n AS (SELECT count(*) AS c FROM staff)
     INSERT INTO proposal (code, status, proposer_id, unit_id, title, field, plan, current_revision, submitted_at)
     SELECT 'ĐX-' || $2::int || '-' || lpad(g::text, 6, '0'),
            ($3::text[])[1 + g % array_length($3::text[], 1)],
            s.id, s.unit_id,
            'Đề xuất đổi mới số ' || g,
            ($4::text[])[1 + g % array_length($4::text[], 1)],
            '{}'::jsonb, 1,
            make_timestamptz($2::int, 1, 1, 8, 0, 0, 'Asia/Ho_Chi_Minh') + ((g % 330) || ' days')::interval
       FROM generate_series(1, $1::int) g
       JOIN n ON true
       JOIN staff s ON s.k = g % n.c`,
    [proposals, year, statuses, fields],
  );
  await client.query(
    `INSERT INTO decision (proposal_id, revision, stage, decider_id, unit_id, basis, state, outcome, received_on, due_date, decided_at, tally)
     SELECT p.id, 1, 'decision', h.id, p.unit_id, 'art_7_3', 'done', 'approved_by_override', (p.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
            (p.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 9, p.submitted_at + interval '9 days',
            '{"voters":3,"inFavour":1,"against":2,"headInFavour":true,"passed":false,"source":"meeting"}'::jsonb
       FROM proposal p JOIN officer h ON h.unit_id = p.unit_id AND h.role = 'head'
      WHERE p.status = 'approved_by_override'`,
  );
  await client.query(
    `INSERT INTO evaluation (proposal_id, round, unit_id, chair_id, state, outcome, results, objective_causes, subjective_causes, provision, recognitions, recognized_on, opened_on, due_date, concluded_on, tally)
     SELECT p.id, 1, p.unit_id, h.id, 'passed', o.outcome, 'Kết quả thực hiện', 'Khách quan', 'Chủ quan', o.provision,
            CASE WHEN o.outcome = 'completed' AND p.status = 'closed'
                 THEN '[{"code":"bieu_duong","label":"Biểu dương, khen ngợi kịp thời","basis":"Điều 10","confidence":"secondary"}]'::jsonb END,
            CASE WHEN o.outcome = 'completed' AND p.status = 'closed' THEN d.concluded + 2 END,
            d.concluded - 7, d.concluded, d.concluded,
            '{"voters":3,"inFavour":3,"against":0,"headInFavour":true,"passed":true,"source":"vote"}'::jsonb
       FROM proposal p
       JOIN officer h ON h.unit_id = p.unit_id AND h.role = 'head'
       CROSS JOIN LATERAL (SELECT least(make_date($1::int, 12, 20), (p.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 30) AS concluded) d
       CROSS JOIN LATERAL (SELECT CASE WHEN p.status = 'evaluated' OR (hashtext(p.id::text) & 3) <> 0 THEN 'completed'
                                       WHEN (hashtext(p.id::text) & 4) = 0 THEN 'not_completed_pure_motive'
                                       ELSE 'not_completed_with_damage' END AS outcome) o0
       CROSS JOIN LATERAL (SELECT o0.outcome, CASE o0.outcome WHEN 'completed' THEN '11.1' WHEN 'not_completed_pure_motive' THEN '11.2' ELSE '11.3' END AS provision) o
      WHERE p.status IN ('evaluated', 'closed')`,
    [year],
  );
  await client.query(
    `INSERT INTO implementation_report (proposal_id, author_id, kind, text, reported_on)
     SELECT p.id, p.proposer_id, 'obstacle', 'Vướng mắc về thủ tục mua sắm thiết bị', (p.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 20
       FROM proposal p WHERE p.status IN ('implementing', 'paused') AND (hashtext(p.id::text) % 5) = 0`,
  );
  await client.query('ANALYZE');
}

export async function runAnnualReportBench(options: AnnualReportBenchOptions = {}): Promise<AnnualReportBenchResult> {
  const proposals = options.proposals ?? 100_000;
  const units = options.units ?? 200;
  const year = options.year ?? 2026;
  const adminUrl =
    options.adminUrl ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `tld_bench_report_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'annual-report-bench-'));
  try {
    const db = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
    try {
      const seedStart = performance.now();
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await seed(client, proposals, units, year);
      } finally {
        await client.end();
      }
      const seedSeconds = (performance.now() - seedStart) / 1000;
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 10);
      const started = performance.now();
      const r = await generateAnnualReport(db.dataSource, { year, outDir: dir, date: `${year}-11-30`, config: defaultWorkflowConfig });
      const reportSeconds = (performance.now() - started) / 1000;
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      const [docx, xlsx] = await Promise.all([stat(r.docxPath), stat(r.xlsxPath)]);
      return {
        proposals,
        reportingUnits: r.figures.scope.reportingUnits.length,
        seedSeconds: round(seedSeconds),
        reportSeconds: round(reportSeconds),
        phasesMs: { figures: r.timings.figuresMs, docx: r.timings.docxMs, annex: r.timings.annexMs },
        annexRows: r.annexRows,
        docxBytes: docx.size,
        xlsxBytes: xlsx.size,
        rssBeforeMb: round(rssBefore / MB),
        peakRssMb: round(peak / MB),
        peakRssGrowthMb: round((peak - rssBefore) / MB),
        targetSeconds: ANNUAL_REPORT_TARGET_SECONDS,
        met: reportSeconds < ANNUAL_REPORT_TARGET_SECONDS && r.annexRows === proposals,
        cpus: os.cpus().length,
        loadAverage1m: round(os.loadavg()[0]!),
      };
    } finally {
      await db.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    if (process.env.KEEP_BENCH_DB) process.stderr.write(`kept ${url.toString()}\n`);
    else await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}

export interface AnnualReportScalingResult {
  runs: AnnualReportBenchResult[];
  /** Peak RSS growth at the largest size minus at the smallest: small when memory is bounded. */
  peakRssGrowthDifferenceMb: number;
  /** Every run under the time target, and the growth difference under SCALING_RSS_TOLERANCE_MB. */
  met: boolean;
}

/** How much more the peak RSS may grow at 100,000 proposals than at 20,000 (GC timing varies by a few MB). */
export const SCALING_RSS_TOLERANCE_MB = 25;

/**
 * The old-generation cap of the child processes (MB). Without a cap V8 sizes its heap from the machine's
 * memory and lets short-lived garbage (the rows of pages already written) pile up between full collections:
 * the peak RSS then rises with the run's length (measured +22 / +55 / +77 MB at 20k / 100k / 200k) though
 * what is live stays a few MB (1 MB retained after a forced GC at 100k). A cap, as a container sets one,
 * makes V8 collect: the peak then shows the real working set. null: no cap.
 */
export const SCALING_HEAP_CAP_MB = 160;

/** Runs the bench at each size in a child process of its own (node --expose-gc), one after the other. */
export async function runAnnualReportScaling(
  sizes: number[] = [20_000, 100_000],
  options: Omit<AnnualReportBenchOptions, 'proposals'> & { heapCapMb?: number | null } = {},
): Promise<AnnualReportScalingResult & { heapCapMb: number | null }> {
  const runs: AnnualReportBenchResult[] = [];
  const heapCapMb = options.heapCapMb === undefined ? SCALING_HEAP_CAP_MB : options.heapCapMb;
  for (const proposals of sizes) {
    const args = [
      '--expose-gc',
      ...(heapCapMb ? [`--max-old-space-size=${heapCapMb}`] : []),
      '--import',
      'tsx',
      __filename,
      '--single',
      '--proposals',
      String(proposals),
    ];
    if (options.units) args.push('--units', String(options.units));
    if (options.adminUrl) args.push('--database-url', options.adminUrl);
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, args, { cwd: path.resolve(__dirname, '..'), maxBuffer: 1024 * 1024 }, (err, out, errOut) => {
        // Exit code 1 only says the target was missed: the figures are still printed.
        if (err && !out.trim()) reject(new Error(`bench at ${proposals} proposals failed: ${errOut || err.message}`));
        else resolve(out);
      });
    });
    runs.push(JSON.parse(stdout) as AnnualReportBenchResult);
  }
  const first = runs[0]!;
  const last = runs[runs.length - 1]!;
  const difference = round(last.peakRssGrowthMb - first.peakRssGrowthMb);
  return { heapCapMb, runs, peakRssGrowthDifferenceMb: difference, met: runs.every((r) => r.met) && difference < SCALING_RSS_TOLERANCE_MB };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const argv = process.argv.slice(2);
  const arg = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const options = {
    ...(arg('--units') ? { units: Number(arg('--units')) } : {}),
    ...(arg('--database-url') ? { adminUrl: arg('--database-url')! } : {}),
  };
  const cap = arg('--heap-cap-mb');
  const run: Promise<{ met: boolean }> =
    argv.includes('--single') || arg('--proposals')
      ? runAnnualReportBench({ ...options, ...(arg('--proposals') ? { proposals: Number(arg('--proposals')) } : {}) })
      : runAnnualReportScaling(undefined, { ...options, ...(cap ? { heapCapMb: cap === 'none' ? null : Number(cap) } : {}) });
  run
    .then((r) => {
      process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      process.exitCode = r.met ? 0 : 1;
    })
    .catch((err) => {
      process.stderr.write(`${(err as Error).stack ?? err}\n`);
      process.exitCode = 1;
    });
}
