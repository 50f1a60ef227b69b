// The review card's similar plans at the province's scale: `LibraryService.similarTo` against a library of
// N approved plans (default 2,000), each plan about 2 kB of Vietnamese text like an officer's. Timed cold
// (first card after a change to the library) and warm (the next cards), the mean of `--repeat` calls.
//
//   npx tsx bench/library-similar-bench.ts [--plans 2000] [--repeat 20] [--database-url postgres://…]
//
// Without --database-url the library is in an in-memory PGlite (as in the tests).
import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '../entities/data-source.js';
import { pendingOfUnit } from '../services/library/library-entries.js';
import { LibraryService } from '../services/library/library-service.js';
import { scratchPostgres } from '../test/helpers/test-database.js';

const WORDS = (
  'số hóa hồ sơ cấp giấy phép xây dựng tại xã tiếp nhận trực tuyến chữ ký số một cửa người dân doanh nghiệp ' +
  'thủ tục hành chính rút ngắn thời gian giải quyết phản ánh kiến nghị tổng đài nhắn tin lịch hẹn trả kết quả ' +
  'thu phí chợ mã QR tiểu thương đối soát kho lưu trữ điện tử bệnh viện trạm y tế khám chữa bệnh hẹn khám ' +
  'trường học học sinh sổ liên lạc điện tử nông nghiệp hợp tác xã truy xuất nguồn gốc sản phẩm OCOP du lịch cộng đồng ' +
  'homestay bản đồ số đất đai địa chính quy hoạch camera an ninh trật tự giao thông cảnh báo sạt lở thiên tai ' +
  'hộ tịch khai sinh kết hôn bảo hiểm xã hội chi trả không dùng tiền mặt thanh toán trợ cấp người có công ' +
  'họp không giấy tờ văn bản điều hành nhắc việc giao việc theo dõi tiến độ đánh giá cán bộ khen thưởng'
).split(' ');

async function seed(db: Database, plans: number): Promise<{ unitId: string }> {
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  await q(
    `INSERT INTO unit (code, name, kind, is_provincial_committee) VALUES ('UBND-TINH', 'Ủy ban nhân dân tỉnh Lào Cai', 'ubnd_tinh', true)`,
  );
  await q(`INSERT INTO unit (code, name, kind, parent_id)
           SELECT 'XA-' || lpad(g::text, 3, '0'), 'UBND xã số ' || g, 'ubnd_xa', (SELECT id FROM unit WHERE code = 'UBND-TINH')
             FROM generate_series(1, 50) g`);
  await q(`INSERT INTO officer (email, full_name, unit_id, position_title, role, is_manager)
           SELECT lower(u.code) || '@bench.invalid', 'Cán bộ ' || u.code, u.id, 'Chuyên viên', 'member', false FROM unit u`);
  // Each text a pseudo-random walk over the words: plans share vocabulary as real ones do.
  const text = (n: number, k: number) =>
    `(SELECT string_agg(($1::text[])[1 + ((g * ${k} + i * i * 7 + i * ${k + 3}) % array_length($1::text[], 1))], ' ') FROM generate_series(1, ${n}) i)`;
  await q(
    `INSERT INTO proposal (code, status, proposer_id, unit_id, title, field, plan, submitted_at)
     SELECT 'ĐX-2026-' || lpad(g::text, 4, '0'), 'implementing', o.id, o.unit_id, t.title, 'chuyen_doi_so',
            jsonb_build_object('title', t.title, 'field', 'chuyen_doi_so', 'content', ${text(60, 13)}, 'purpose', ${text(25, 17)},
                               'necessity', ${text(60, 19)}, 'expectedResults', ${text(30, 23)}, 'feasibility', ${text(30, 29)}),
            now() - (g || ' hours')::interval
       FROM generate_series(1, $2::int) g
       CROSS JOIN LATERAL (SELECT ${text(10, 11)} AS title) t
       JOIN LATERAL (SELECT id, unit_id FROM officer ORDER BY email OFFSET (g % 50) LIMIT 1) o ON true`,
    [WORDS, plans],
  );
  const [unit] = await q(`SELECT id FROM unit WHERE code = 'XA-007'`);
  return { unitId: unit.id as string };
}

async function main(): Promise<void> {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1]! : fallback;
  };
  const plans = Number(arg('plans', '2000'));
  const repeat = Number(arg('repeat', '20'));
  const adminUrl = arg('database-url', '');
  let drop: (() => Promise<void>) | undefined;
  let db: Database;
  if (adminUrl) {
    const scratch = await scratchPostgres(adminUrl, 'tld_bench');
    drop = scratch.drop;
    db = await openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 4 });
  } else db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  try {
    const { unitId } = await seed(db, plans);
    const library = new LibraryService(db.dataSource);
    const draft = {
      id: randomUUID(),
      unitId,
      plan: { title: 'Số hóa hồ sơ cấp giấy phép xây dựng tại xã', content: 'Tiếp nhận hồ sơ xin phép xây dựng trực tuyến có chữ ký số.' },
    };
    const time = async () => {
      const t0 = performance.now();
      const shown = await library.similarTo(draft);
      return { ms: performance.now() - t0, shown: shown.length };
    };
    const cold = await time();
    const warm: number[] = [];
    for (let i = 0; i < repeat; i++) warm.push((await time()).ms);
    warm.sort((a, b) => a - b);
    // Of which: the version query (and the snapshot, unchanged).
    const t1 = performance.now();
    // (`cache` is absent before the cache existed: the bench measured the old code too.)
    const cache = (library as Partial<LibraryService>).cache;
    for (let i = 0; i < repeat; i++) await cache?.records();
    const versionMs = (performance.now() - t1) / repeat;
    const t2 = performance.now();
    for (let i = 0; i < repeat; i++) await pendingOfUnit(db.dataSource, unitId, draft.id);
    const pendingMs = (performance.now() - t2) / repeat;
    const mean = warm.reduce((a, b) => a + b, 0) / warm.length;
    console.log(
      JSON.stringify({
        plans,
        database: adminUrl ? 'postgres' : 'pglite',
        coldMs: Math.round(cold.ms),
        warmMeanMs: Math.round(mean),
        warmMedianMs: Math.round(warm[Math.floor(warm.length / 2)]!),
        versionQueryMs: Math.round(versionMs * 10) / 10,
        pendingQueryMs: Math.round(pendingMs * 10) / 10,
        loads: cache?.loads,
        shown: cold.shown,
      }),
    );
  } finally {
    await db.close();
    await drop?.();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
