// A directory for routing and decision tests, and submitted proposals written straight into the database
// (as the wizard leaves them: status 'submitted', a frozen 'submission' revision).
import type { DataSource } from 'typeorm';

export const DECISION_UNITS = [
  { code: 'UBND-TINH', name: 'Ủy ban nhân dân tỉnh Lào Cai', kind: 'ubnd_tinh', parent: null, homeAffairs: false, committee: true },
  { code: 'SNV', name: 'Sở Nội vụ', kind: 'so_nganh', parent: 'UBND-TINH', homeAffairs: true, committee: false },
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', kind: 'so_nganh', parent: 'UBND-TINH', homeAffairs: false, committee: false },
  { code: 'SKHCN-QLKH', name: 'Phòng Quản lý khoa học', kind: 'phong', parent: 'SKHCN', homeAffairs: false, committee: false },
  { code: 'XA-BAC-HA', name: 'UBND xã Bắc Hà', kind: 'ubnd_xa', parent: 'UBND-TINH', homeAffairs: false, committee: false },
  { code: 'STC', name: 'Sở Tài chính', kind: 'so_nganh', parent: 'UBND-TINH', homeAffairs: false, committee: false },
  { code: 'SYT', name: 'Sở Y tế', kind: 'so_nganh', parent: 'UBND-TINH', homeAffairs: false, committee: false },
] as const;

export interface DecisionPerson {
  key: string;
  email: string;
  name: string;
  unit: string;
  role: 'head' | 'deputy' | 'member';
  position: string;
}

export const DECISION_PEOPLE: DecisionPerson[] = [
  { key: 'chairman', email: 'chu.tich@test.invalid', name: 'Trần Văn Chủ', unit: 'UBND-TINH', role: 'head', position: 'Chủ tịch' },
  { key: 'vice1', email: 'pct1@test.invalid', name: 'Hoàng Thị Phó Một', unit: 'UBND-TINH', role: 'deputy', position: 'Phó Chủ tịch' },
  { key: 'haHead', email: 'gd.snv@test.invalid', name: 'Lê Thị Nội', unit: 'SNV', role: 'head', position: 'Giám đốc' },
  { key: 'haDeputy', email: 'pgd.snv@test.invalid', name: 'Lò Văn Vụ', unit: 'SNV', role: 'deputy', position: 'Phó Giám đốc' },
  { key: 'scHead', email: 'gd.skhcn@test.invalid', name: 'Phạm Văn Khoa', unit: 'SKHCN', role: 'head', position: 'Giám đốc' },
  { key: 'scDeputy1', email: 'pgd1.skhcn@test.invalid', name: 'Đỗ Thị Phó', unit: 'SKHCN', role: 'deputy', position: 'Phó Giám đốc' },
  { key: 'scDeputy2', email: 'pgd2.skhcn@test.invalid', name: 'Mai Văn Hai', unit: 'SKHCN', role: 'deputy', position: 'Phó Giám đốc' },
  { key: 'scDeputy3', email: 'pgd3.skhcn@test.invalid', name: 'Tạ Thị Ba', unit: 'SKHCN', role: 'deputy', position: 'Phó Giám đốc' },
  { key: 'scStaff', email: 'cv.skhcn@test.invalid', name: 'Vũ Văn Chuyên', unit: 'SKHCN', role: 'member', position: 'Chuyên viên' },
  { key: 'roomChief', email: 'tp.qlkh@test.invalid', name: 'Hoàng Văn Trưởng', unit: 'SKHCN-QLKH', role: 'head', position: 'Trưởng phòng' },
  {
    key: 'roomStaff',
    email: 'cv.qlkh@test.invalid',
    name: 'Nguyễn Thị Chuyên',
    unit: 'SKHCN-QLKH',
    role: 'member',
    position: 'Chuyên viên',
  },
  { key: 'communeHead', email: 'ct.bacha@test.invalid', name: 'Giàng A Xã', unit: 'XA-BAC-HA', role: 'head', position: 'Chủ tịch UBND xã' },
  { key: 'financeHead', email: 'gd.stc@test.invalid', name: 'Cao Văn Tài', unit: 'STC', role: 'head', position: 'Giám đốc' },
  // Sở Y tế has no head in the directory.
  { key: 'healthStaff', email: 'cv.syt@test.invalid', name: 'Lục Thị Y', unit: 'SYT', role: 'member', position: 'Chuyên viên' },
  { key: 'healthDeputy', email: 'pgd.syt@test.invalid', name: 'Dương Văn Tế', unit: 'SYT', role: 'deputy', position: 'Phó Giám đốc' },
];

export type People = Record<string, string>;

/** Seeds the directory; returns officer ids by key. */
export async function seedDecisionDirectory(ds: DataSource, options: { aad?: (email: string) => string } = {}): Promise<People> {
  for (const u of DECISION_UNITS) {
    await ds.query(
      `INSERT INTO unit (code, name, kind, parent_id, is_home_affairs, is_provincial_committee)
       VALUES ($1, $2, $3, (SELECT id FROM unit WHERE code = $4), $5, $6)`,
      [u.code, u.name, u.kind, u.parent, u.homeAffairs, u.committee],
    );
  }
  const ids: People = {};
  for (const p of DECISION_PEOPLE) {
    const rows = (await ds.query(
      `INSERT INTO officer (email, full_name, unit_id, position_title, role, is_manager, teams_aad_object_id)
       VALUES ($1, $2, (SELECT id FROM unit WHERE code = $3), $4, $5, $6, $7) RETURNING id`,
      [p.email, p.name, p.unit, p.position, p.role, p.role !== 'member', options.aad ? options.aad(p.email) : null],
    )) as { id: string }[];
    ids[p.key] = rows[0]!.id;
  }
  return ids;
}

let counter = 0;

/** A submitted proposal (revision 1) by this officer, in their unit. Returns its id and code. */
export async function createSubmittedProposal(
  ds: DataSource,
  proposerId: string,
  plan: Record<string, unknown> = {},
): Promise<{ id: string; code: string }> {
  counter += 1;
  const code = `ĐX-2026-${String(counter).padStart(4, '0')}`;
  const fullPlan = { title: 'Số hóa hồ sơ một cửa', necessity: 'Hồ sơ giấy chậm', content: 'Quét và ký số', ...plan };
  const rows = (await ds.query(
    `INSERT INTO proposal (code, status, proposer_id, unit_id, title, plan, current_revision, submitted_at)
     VALUES ($1, 'submitted', $2, (SELECT unit_id FROM officer WHERE id = $2), $3, $4::jsonb, 1, now()) RETURNING id`,
    [code, proposerId, fullPlan.title, JSON.stringify(fullPlan)],
  )) as { id: string }[];
  const id = rows[0]!.id;
  await ds.query(
    `INSERT INTO proposal_revision (proposal_id, kind, revision, plan, author_id) VALUES ($1, 'submission', 1, $2::jsonb, $3)`,
    [id, JSON.stringify(fullPlan), proposerId],
  );
  return { id, code };
}
