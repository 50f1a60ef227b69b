// Demo mode: an empty database gets the demo directory (fictional people, marked as demo), and the
// console says how to talk to the bot as a few of them.
import type { DataSource } from 'typeorm';
import { loadDemoDirectoryIfEmpty } from '../services/directory/demo-directory.js';

export interface DemoPeople {
  loaded: boolean;
  examples: { label: string; email: string; name: string }[];
}

export async function prepareDemo(dataSource: DataSource): Promise<DemoPeople> {
  const result = await loadDemoDirectoryIfEmpty(dataSource);
  const pick = async (label: string, where: string): Promise<DemoPeople['examples'][number] | undefined> => {
    const rows: { email: string; full_name: string }[] = await dataSource.query(
      `SELECT o.email, o.full_name FROM officer o JOIN unit u ON u.id = o.unit_id
       WHERE o.is_demo AND o.active AND ${where} ORDER BY o.email LIMIT 1`,
    );
    return rows[0] ? { label, email: rows[0].email, name: rows[0].full_name } : undefined;
  };
  const examples = (
    await Promise.all([
      pick('Chuyên viên (không giữ chức vụ quản lý)', `o.role = 'member' AND NOT o.is_manager AND u.kind = 'phong'`),
      pick('Trưởng phòng thuộc sở', `o.role = 'head' AND u.kind = 'phong'`),
      pick('Giám đốc sở', `o.role = 'head' AND u.kind = 'so_nganh' AND NOT u.is_home_affairs`),
      pick('Giám đốc Sở Nội vụ', `o.role = 'head' AND u.is_home_affairs`),
      pick('Chủ tịch UBND xã/phường', `o.role = 'head' AND u.kind = 'ubnd_xa'`),
      pick('Chủ tịch UBND tỉnh', `o.role = 'head' AND u.is_provincial_committee`),
    ])
  ).filter((e): e is DemoPeople['examples'][number] => Boolean(e));
  return { loaded: Boolean(result), examples };
}

export function printDemoInstructions(url: string, demo: DemoPeople): void {
  const lines = [
    '',
    '────────────────────────────────────────────────────────────',
    ' Trợ lý Đổi mới đang chạy ở chế độ DEMO (dữ liệu và con người đều là hư cấu)',
    ` Địa chỉ bot: ${url}/api/messages`,
    '',
    ` Dùng thử trên trình duyệt: ${url}/ (chọn một cán bộ demo, trò chuyện, quyết định, xem bảng điều khiển)`,
    '',
    // Without the demo directory there is nobody to name: the command alone, not "ví dụ:" and nothing.
    ...(demo.examples.length
      ? [
          ' Hoặc mở một cửa sổ dòng lệnh khác và trò chuyện với bot, ví dụ:',
          ...demo.examples.map((e) => `   npm run chat -- --as ${e.email}    # ${e.label}: ${e.name}`),
        ]
      : [' Hoặc mở một cửa sổ dòng lệnh khác và trò chuyện với bot: npm run chat -- --as <email của một cán bộ trong danh bạ>']),
    '',
    ' Hoặc dùng Microsoft 365 Agents Playground (xem README).',
    '────────────────────────────────────────────────────────────',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
