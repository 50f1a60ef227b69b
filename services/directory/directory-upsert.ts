// A valid directory written to the database (or, on a dry run, counted): units upserted by code and
// officers by (lower-cased) email, only the rows that differ written; units and officers the file no
// longer lists deactivated, never deleted; the "one active head per unit" index respected by demoting
// before promoting. The caller holds the transaction and the lock (directory-import.ts).
import { In, type EntityManager } from 'typeorm';
import { Officer } from '../../entities/officer.entity.js';
import { Unit } from '../../entities/unit.entity.js';
import type { DirectoryUnitSpec, DirectoryValidation, ImportCounts, ImportOptions } from './directory-import-types.js';

const BATCH = 500;

/** `items` in slices of BATCH rows, so that no statement carries too many parameters. */
function batches<T>(items: readonly T[]): T[][] {
  const slices: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) slices.push(items.slice(i, i + BATCH));
  return slices;
}

type UnitValues = Pick<Unit, 'name' | 'kind' | 'parentId' | 'isHomeAffairs' | 'isProvincialCommittee' | 'active' | 'isDemo'>;
type OfficerValues = Pick<
  Officer,
  'fullName' | 'phone' | 'unitId' | 'positionTitle' | 'role' | 'isManager' | 'active' | 'teamsAadObjectId' | 'isDemo'
>;

function changedFields<T extends object>(current: T, target: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(target) as (keyof T)[]) {
    if (current[key] !== target[key]) changes[key] = target[key];
  }
  return changes;
}

const emptyCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0, deactivated: 0 });

/** Parents before children, so a new unit can be inserted with its parent's id. */
function topologicalOrder(units: DirectoryUnitSpec[]): DirectoryUnitSpec[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const ordered: DirectoryUnitSpec[] = [];
  const placed = new Set<string>();
  const place = (u: DirectoryUnitSpec) => {
    if (placed.has(u.code)) return;
    placed.add(u.code);
    const parent = u.parentCode ? byCode.get(u.parentCode) : undefined;
    if (parent) place(parent);
    ordered.push(u);
  };
  units.forEach(place);
  return ordered;
}

export async function applyDirectory(
  manager: EntityManager,
  valid: Extract<DirectoryValidation, { ok: true }>,
  options: ImportOptions,
): Promise<{ units: ImportCounts; officers: ImportCounts }> {
  const write = !options.dryRun;
  const isDemo = options.isDemo ?? false;
  const unitCounts = emptyCounts();
  const officerCounts = emptyCounts();

  const existingUnits = await manager.find(Unit);
  const existingOfficers = await manager.find(Officer);
  const unitByCode = new Map(existingUnits.map((u) => [u.code, u]));
  const unitCodeById = new Map(existingUnits.map((u) => [u.id, u.code]));
  const officerByEmail = new Map(existingOfficers.map((o) => [o.email.toLowerCase(), o]));

  // Plan the officers first so the number of writes is known for the progress bar.
  const fileEmails = new Set(valid.officers.map((o) => o.email));
  const fileUnitCodes = new Set(valid.units.map((u) => u.code));
  const unitsToDeactivate = existingUnits.filter((u) => u.active && !fileUnitCodes.has(u.code));
  const officersToDeactivate = existingOfficers.filter((o) => o.active && !fileEmails.has(o.email.toLowerCase()));

  let done = 0;
  const total = valid.units.length + valid.officers.length + unitsToDeactivate.length + officersToDeactivate.length;
  const step = Math.max(1, Math.floor(total / 200));
  const progress = (n = 1) => {
    const before = done;
    done += n;
    if (options.onProgress && (Math.floor(done / step) !== Math.floor(before / step) || done === total)) {
      options.onProgress({ phase: 'write', done, total });
    }
  };

  // Units: parents first; new ones inserted with their parent's id, existing ones updated if different.
  const idByCode = new Map(existingUnits.map((u) => [u.code, u.id]));
  for (const spec of topologicalOrder(valid.units)) {
    const current = unitByCode.get(spec.code);
    if (!current) {
      unitCounts.created++;
      if (write) {
        const inserted = await manager.insert(Unit, {
          code: spec.code,
          name: spec.name,
          kind: spec.kind,
          parentId: spec.parentCode ? idByCode.get(spec.parentCode)! : null,
          isHomeAffairs: spec.isHomeAffairs,
          isProvincialCommittee: spec.isProvincialCommittee,
          active: true,
          isDemo,
        });
        idByCode.set(spec.code, inserted.identifiers[0].id as string);
      }
      progress();
      continue;
    }
    const currentParentCode = current.parentId ? (unitCodeById.get(current.parentId) ?? null) : null;
    const target: UnitValues = {
      name: spec.name,
      kind: spec.kind,
      parentId: current.parentId,
      isHomeAffairs: spec.isHomeAffairs,
      isProvincialCommittee: spec.isProvincialCommittee,
      active: true,
      isDemo,
    };
    const changes = changedFields<UnitValues>(current, target);
    const parentChanged = currentParentCode !== spec.parentCode;
    if (parentChanged) changes.parentId = spec.parentCode ? (idByCode.get(spec.parentCode) ?? null) : null;
    if (Object.keys(changes).length > 0 || parentChanged) {
      unitCounts.updated++;
      if (write) await manager.update(Unit, { id: current.id }, changes);
    } else {
      unitCounts.unchanged++;
    }
    progress();
  }
  unitCounts.deactivated = unitsToDeactivate.length;
  if (write) {
    for (const ids of batches(unitsToDeactivate.map((u) => u.id))) await manager.update(Unit, { id: In(ids) }, { active: false });
  }
  progress(unitsToDeactivate.length);

  // Officers. Order of writes:
  //   0. release Teams AAD ids that change hands (unique index);
  //   1. deactivate the officers the file no longer lists, apply every change that does not make an
  //      active head, and temporarily demote heads who move to head another unit;
  //   2. insert new officers who are not heads;
  //   3. insert new heads and apply the changes that make an active head.
  // Nobody becomes an active head before the unit's previous head has stepped down.
  const fileAadIds = new Set(valid.officers.flatMap((o) => (o.teamsAadObjectId ? [o.teamsAadObjectId] : [])));
  const releaseAad: string[] = [];
  const demoteFirst: string[] = [];
  const updatesBeforeHeads: { id: string; changes: Partial<OfficerValues> }[] = [];
  const updatesOfHeads: { id: string; changes: Partial<OfficerValues> }[] = [];
  const newOfficers: (OfficerValues & { email: string })[] = [];

  for (const spec of valid.officers) {
    const current = officerByEmail.get(spec.email);
    const unitId = idByCode.get(spec.unitCode) ?? `new:${spec.unitCode}`;
    const target: OfficerValues = {
      fullName: spec.fullName,
      phone: spec.phone,
      unitId,
      positionTitle: spec.positionTitle,
      role: spec.role,
      isManager: spec.isManager,
      active: true,
      // An empty cell keeps an id the bot learned from Teams, unless the file gives that id to someone else.
      teamsAadObjectId:
        spec.teamsAadObjectId ?? (current?.teamsAadObjectId && !fileAadIds.has(current.teamsAadObjectId) ? current.teamsAadObjectId : null),
      isDemo,
    };
    if (!current) {
      officerCounts.created++;
      newOfficers.push({ ...target, email: spec.email });
      continue;
    }
    const changes = changedFields<OfficerValues>(current, target);
    if (Object.keys(changes).length === 0) {
      officerCounts.unchanged++;
      progress();
      continue;
    }
    officerCounts.updated++;
    if (current.teamsAadObjectId && 'teamsAadObjectId' in changes) releaseAad.push(current.id);
    if (spec.role === 'head') {
      if (current.active && current.role === 'head' && current.unitId !== unitId) {
        // Stepped down in pass 1, so the final write must name the role again.
        demoteFirst.push(current.id);
        changes.role = 'head';
      }
      updatesOfHeads.push({ id: current.id, changes });
    } else {
      updatesBeforeHeads.push({ id: current.id, changes });
    }
  }
  for (const o of existingOfficers) {
    // A departed officer's Teams id given to someone else in the file.
    if (!fileEmails.has(o.email.toLowerCase()) && o.teamsAadObjectId && fileAadIds.has(o.teamsAadObjectId)) {
      releaseAad.push(o.id);
    }
  }
  officerCounts.deactivated = officersToDeactivate.length;

  if (write) {
    for (const ids of batches(releaseAad)) await manager.update(Officer, { id: In(ids) }, { teamsAadObjectId: null });
    for (const ids of batches(officersToDeactivate.map((o) => o.id))) await manager.update(Officer, { id: In(ids) }, { active: false });
    for (const ids of batches(demoteFirst)) await manager.update(Officer, { id: In(ids) }, { role: 'member' });
    for (const { id, changes } of updatesBeforeHeads) {
      await manager.update(Officer, { id }, changes);
      progress();
    }
    const resolveUnit = (o: OfficerValues & { email: string }) => ({
      ...o,
      unitId: o.unitId.startsWith('new:') ? idByCode.get(o.unitId.slice(4))! : o.unitId,
    });
    const newMembers = newOfficers.filter((o) => o.role !== 'head').map(resolveUnit);
    const newHeads = newOfficers.filter((o) => o.role === 'head').map(resolveUnit);
    for (const batch of [...batches(newMembers), ...batches(newHeads)]) {
      await manager.insert(Officer, batch);
      progress(batch.length);
    }
    for (const { id, changes } of updatesOfHeads) {
      await manager.update(Officer, { id }, changes);
      progress();
    }
  } else {
    progress(updatesBeforeHeads.length + updatesOfHeads.length + newOfficers.length);
  }
  progress(officersToDeactivate.length);
  return { units: unitCounts, officers: officerCounts };
}
