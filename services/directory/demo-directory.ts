// The demo directory: a fictional slice of Lào Cai province (UBND tỉnh, Sở Nội vụ, three other
// departments with their offices, a public service unit, three communes and wards), loaded into an
// empty database so that a newcomer can talk to the bot at once. Every row it writes has is_demo = true;
// importing the real directory later deactivates the demo people and units.
import type { DataSource } from 'typeorm';
import { directory as text } from '../platform/messages/directory.js';
import { assetPath } from '../platform/paths.js';
import { readDirectoryFile } from './directory-file.js';
import { importDirectory } from './directory-import.js';
import type { ImportCounts } from './directory-import-types.js';

export const DEMO_DIRECTORY_FILE = assetPath('services', 'directory', 'demo-directory.csv');

export interface DemoContact {
  /** What the person is, in Vietnamese ("Giám đốc Sở Nội vụ"). */
  role: string;
  name: string;
  email: string;
}

export interface DemoDirectoryLoad {
  units: ImportCounts;
  officers: ImportCounts;
  /** A few demo people worth talking to the bot as. */
  contacts: DemoContact[];
}

/**
 * Imports the demo directory when the unit table is empty. Returns what was loaded, or null when the
 * database already has a directory (the check runs under the import lock, so two processes starting
 * together load it once).
 */
export async function loadDemoDirectoryIfEmpty(dataSource: DataSource): Promise<DemoDirectoryLoad | null> {
  const [{ count }] = (await dataSource.query('SELECT count(*)::int AS count FROM unit')) as { count: number }[];
  if (count > 0) return null;
  const table = await readDirectoryFile(DEMO_DIRECTORY_FILE);
  const result = await importDirectory(dataSource, table, { isDemo: true, onlyIfEmpty: true });
  if (result.status === 'invalid') {
    // The file ships with the code; a bad row here is a bug, not user input.
    throw new Error(`demo-directory.csv is invalid:\n${result.errors.map((e) => text.rowError(e.row, e.message)).join('\n')}`);
  }
  if (result.status !== 'applied') return null;
  return { units: result.units, officers: result.officers, contacts: await demoContacts(dataSource) };
}

/**
 * Demo people to suggest: a staff member of an office, a department head, the head of Sở Nội vụ and
 * the chairman of UBND tỉnh. Empty when no demo data is active.
 */
export async function demoContacts(dataSource: DataSource): Promise<DemoContact[]> {
  const pick = async (role: string, where: string): Promise<DemoContact | undefined> => {
    const rows = (await dataSource.query(
      `SELECT o.email, o.full_name FROM officer o JOIN unit u ON u.id = o.unit_id
        WHERE o.is_demo AND o.active AND u.active AND ${where}
        ORDER BY o.email LIMIT 1`,
    )) as { email: string; full_name: string }[];
    return rows[0] ? { role, name: rows[0].full_name, email: rows[0].email } : undefined;
  };
  const contacts = [
    await pick(text.demoRoleStaff, `o.role = 'member' AND NOT o.is_manager AND u.kind = 'phong'`),
    await pick(text.demoRoleDepartmentHead, `o.role = 'head' AND u.kind = 'so_nganh' AND NOT u.is_home_affairs`),
    await pick(text.demoRoleHomeAffairsHead, `o.role = 'head' AND u.is_home_affairs`),
    await pick(text.demoRoleChairman, `o.role = 'head' AND u.is_provincial_committee`),
  ];
  return contacts.filter((c): c is DemoContact => c !== undefined);
}
