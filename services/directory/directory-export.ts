// The active directory exported in the import format (directory-file.ts), so that an export imported
// again changes nothing.
import type { DataSource, EntityManager } from 'typeorm';
import { Officer, type OfficerRole } from '../../entities/officer.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import { formatDirectoryCsv, type DirectoryExportLine } from './directory-file.js';

const ROLE_ORDER: Record<OfficerRole, number> = { head: 0, deputy: 1, member: 2 };

/** The active directory as lines of the import format: units in tree order, heads first. */
export async function exportDirectoryLines(source: DataSource | EntityManager): Promise<DirectoryExportLine[]> {
  const manager = 'manager' in source ? source.manager : source;
  const units = await manager.find(Unit, { where: { active: true } });
  const officers = await manager.find(Officer, { where: { active: true } });
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    const parentKey = u.parentId && byId.has(u.parentId) ? u.parentId : null;
    const list = children.get(parentKey) ?? [];
    list.push(u);
    children.set(parentKey, list);
  }
  const officersByUnit = new Map<string, Officer[]>();
  for (const o of officers) {
    const list = officersByUnit.get(o.unitId) ?? [];
    list.push(o);
    officersByUnit.set(o.unitId, list);
  }
  const lines: DirectoryExportLine[] = [];
  const visited = new Set<string>();
  const visit = (unit: Unit) => {
    if (visited.has(unit.id)) return;
    visited.add(unit.id);
    const base = {
      unitCode: unit.code,
      unitName: unit.name,
      unitKind: unit.kind,
      parentUnitCode: unit.parentId && byId.has(unit.parentId) ? byId.get(unit.parentId)!.code : null,
      isHomeAffairs: unit.isHomeAffairs,
      isProvincialCommittee: unit.isProvincialCommittee,
    };
    const members = (officersByUnit.get(unit.id) ?? []).sort(
      (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.fullName.localeCompare(b.fullName, 'vi') || a.email.localeCompare(b.email),
    );
    if (members.length === 0) lines.push({ ...base, officer: null });
    for (const o of members) {
      lines.push({
        ...base,
        officer: {
          email: o.email,
          fullName: o.fullName,
          positionTitle: o.positionTitle,
          role: o.role,
          isManager: o.isManager,
          phone: o.phone,
          teamsAadObjectId: o.teamsAadObjectId,
        },
      });
    }
    const kids = (children.get(unit.id) ?? []).sort((a, b) => a.code.localeCompare(b.code));
    kids.forEach(visit);
  };
  (children.get(null) ?? []).sort((a, b) => a.code.localeCompare(b.code)).forEach(visit);
  // Units caught in a parent cycle written directly into the database: still exported, as roots.
  units
    .filter((u) => !visited.has(u.id))
    .sort((a, b) => a.code.localeCompare(b.code))
    .forEach(visit);
  return lines;
}

/** The active directory as CSV text in the import format (round-trips through importDirectory). */
export async function exportDirectoryCsv(source: DataSource | EntityManager): Promise<{ csv: string; units: number; officers: number }> {
  const lines = await exportDirectoryLines(source);
  return {
    csv: formatDirectoryCsv(lines),
    units: new Set(lines.map((l) => l.unitCode)).size,
    officers: lines.filter((l) => l.officer !== null).length,
  };
}
