// Read helpers over the province directory, for routing, identity and dialogs. No writes here: the
// directory changes only through the import (directory-import.ts) and identity linking.
import { DataSource, type EntityManager } from 'typeorm';
import { Officer } from '../../entities/officer.entity.js';
import { Unit } from '../../entities/unit.entity.js';

export class DirectoryService {
  private readonly manager: EntityManager;

  /** Pass a transaction's EntityManager to read inside that transaction (required on PGlite). */
  constructor(source: DataSource | EntityManager) {
    this.manager = source instanceof DataSource ? source.manager : source;
  }

  /** The officer with this email (case-insensitive), with their unit; active or not: check `active`. */
  async findOfficerByEmail(email: string): Promise<Officer | null> {
    const key = email.trim().toLowerCase();
    if (!key) return null;
    return this.manager
      .getRepository(Officer)
      .createQueryBuilder('o')
      .leftJoinAndSelect('o.unit', 'u')
      .where('o.email = :key', { key }) // stored lower-cased by the import (IDX_officer_email)
      .getOne();
  }

  /** The officer with this Microsoft Entra (AAD) object id (case-insensitive), with their unit. */
  async findOfficerByAadObjectId(aadObjectId: string): Promise<Officer | null> {
    const raw = aadObjectId.trim();
    if (!raw) return null;
    // The import stores GUIDs lower-cased; Teams sends them lower-cased too. Both forms keep the index usable.
    const keys = [...new Set([raw, raw.toLowerCase()])];
    return this.manager
      .getRepository(Officer)
      .createQueryBuilder('o')
      .leftJoinAndSelect('o.unit', 'u')
      .where('o.teams_aad_object_id IN (:...keys)', { keys })
      .getOne();
  }

  /** The officer with this id, with their unit. */
  async findOfficerById(id: string): Promise<Officer | null> {
    if (!isUuid(id)) return null;
    return this.manager.findOne(Officer, { where: { id }, relations: { unit: true } });
  }

  /** The active head of an active unit, or null. */
  async headOfUnit(unitId: string): Promise<Officer | null> {
    if (!isUuid(unitId)) return null;
    return this.manager.findOne(Officer, {
      where: { unitId, role: 'head', active: true, unit: { active: true } },
      relations: { unit: true },
    });
  }

  /** The active deputies of a unit, by name. */
  async deputiesOfUnit(unitId: string): Promise<Officer[]> {
    if (!isUuid(unitId)) return [];
    const deputies = await this.manager.find(Officer, {
      where: { unitId, role: 'deputy', active: true },
      relations: { unit: true },
    });
    return deputies.sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
  }

  /** The active officers of a unit: head first, then deputies, then members, each by name. */
  async officersOfUnit(unitId: string): Promise<Officer[]> {
    if (!isUuid(unitId)) return [];
    const order = { head: 0, deputy: 1, member: 2 } as const;
    const officers = await this.manager.find(Officer, { where: { unitId, active: true } });
    return officers.sort((a, b) => order[a.role] - order[b.role] || a.fullName.localeCompare(b.fullName, 'vi'));
  }

  async unitById(id: string): Promise<Unit | null> {
    if (!isUuid(id)) return null;
    return this.manager.findOne(Unit, { where: { id } });
  }

  async unitByCode(code: string): Promise<Unit | null> {
    return this.manager.findOne(Unit, { where: { code: code.trim() } });
  }

  /** The active units directly under a unit, by name. */
  async childUnits(unitId: string): Promise<Unit[]> {
    if (!isUuid(unitId)) return [];
    const units = await this.manager.find(Unit, { where: { parentId: unitId, active: true } });
    return units.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  /**
   * The units above `unitId`, nearest first (parent, grandparent, ... root); the unit itself is not
   * included. Stops at a unit already seen, so a cycle written directly into the database cannot loop.
   */
  async ancestors(unitId: string): Promise<Unit[]> {
    const start = await this.unitById(unitId);
    const result: Unit[] = [];
    const seen = new Set<string>(start ? [start.id] : []);
    let parentId = start?.parentId ?? null;
    while (parentId && !seen.has(parentId)) {
      seen.add(parentId);
      const parent = await this.unitById(parentId);
      if (!parent) break;
      result.push(parent);
      parentId = parent.parentId;
    }
    return result;
  }

  /** The active unit flagged as the Department of Home Affairs (Sở Nội vụ). */
  async homeAffairsUnit(): Promise<Unit | null> {
    return this.manager.findOne(Unit, { where: { isHomeAffairs: true, active: true }, order: { code: 'ASC' } });
  }

  /** The active unit flagged as the Provincial People's Committee (UBND tỉnh). */
  async provincialCommitteeUnit(): Promise<Unit | null> {
    return this.manager.findOne(Unit, { where: { isProvincialCommittee: true, active: true }, order: { code: 'ASC' } });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from cards and state; a malformed one must give "not found", not a PostgreSQL error. */
function isUuid(value: string): boolean {
  return UUID.test(value);
}
