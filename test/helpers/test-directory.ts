// A small directory written straight into the database, for tests that need a few known people.
import type { DataSource } from 'typeorm';

export interface TestPerson {
  email: string;
  name: string;
  unit: string;
  role: 'head' | 'deputy' | 'member';
  isManager: boolean;
  aad?: string;
  position: string;
}

export const TEST_UNITS = [
  { code: 'UBND-TINH', name: 'Ủy ban nhân dân tỉnh Lào Cai', kind: 'ubnd_tinh', parent: null, homeAffairs: false, committee: true },
  { code: 'SNV', name: 'Sở Nội vụ', kind: 'so_nganh', parent: 'UBND-TINH', homeAffairs: true, committee: false },
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', kind: 'so_nganh', parent: 'UBND-TINH', homeAffairs: false, committee: false },
  { code: 'SKHCN-QLKH', name: 'Phòng Quản lý khoa học', kind: 'phong', parent: 'SKHCN', homeAffairs: false, committee: false },
] as const;

export const TEST_PEOPLE: TestPerson[] = [
  { email: 'chu.tich@test.invalid', name: 'Trần Văn Chủ', unit: 'UBND-TINH', role: 'head', isManager: true, position: 'Chủ tịch' },
  { email: 'gd.snv@test.invalid', name: 'Lê Thị Nội', unit: 'SNV', role: 'head', isManager: true, position: 'Giám đốc' },
  {
    email: 'gd.skhcn@test.invalid',
    name: 'Phạm Văn Khoa',
    unit: 'SKHCN',
    role: 'head',
    isManager: true,
    position: 'Giám đốc',
    aad: '11111111-1111-4111-8111-111111111111',
  },
  { email: 'pgd.skhcn@test.invalid', name: 'Đỗ Thị Phó', unit: 'SKHCN', role: 'deputy', isManager: true, position: 'Phó Giám đốc' },
  { email: 'tp.qlkh@test.invalid', name: 'Hoàng Văn Trưởng', unit: 'SKHCN-QLKH', role: 'head', isManager: true, position: 'Trưởng phòng' },
  {
    email: 'cv.qlkh@test.invalid',
    name: 'Nguyễn Thị Chuyên',
    unit: 'SKHCN-QLKH',
    role: 'member',
    isManager: false,
    position: 'Chuyên viên',
  },
];

export async function seedTestDirectory(dataSource: DataSource): Promise<void> {
  for (const unit of TEST_UNITS) {
    await dataSource.query(
      `INSERT INTO unit (code, name, kind, parent_id, is_home_affairs, is_provincial_committee)
       VALUES ($1, $2, $3, (SELECT id FROM unit WHERE code = $4), $5, $6)`,
      [unit.code, unit.name, unit.kind, unit.parent, unit.homeAffairs, unit.committee],
    );
  }
  for (const p of TEST_PEOPLE) {
    await dataSource.query(
      `INSERT INTO officer (email, full_name, unit_id, position_title, role, is_manager, teams_aad_object_id)
       VALUES ($1, $2, (SELECT id FROM unit WHERE code = $3), $4, $5, $6, $7)`,
      [p.email, p.name, p.unit, p.position, p.role, p.isManager, p.aad ?? null],
    );
  }
}
