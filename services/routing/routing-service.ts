// Who considers a plan (Decree 73/2023/NĐ-CP Art. 7.3–7.4; the province's letter point 2.b), always read
// from the directory:
//  - the employing agency (cơ quan sử dụng cán bộ) is the proposer's unit, or when its kind does not employ
//    staff (configuration: workflow directory.employingUnitKinds), its nearest ancestor that does;
//  - a proposer who is not its head → its head (Art. 7.3, stage 'decision');
//  - its head → the head of the superior employing agency, found the same way from the parent unit
//    (Art. 7.4). Where that agency is the Provincial People's Committee, the plan first goes to the
//    Department of Home Affairs (intake: completeness, return for changes, evaluation council), then to
//    the Chairman;
//  - the head of the Department of Home Affairs: straight to the Chairman. Sending it to an intake run by
//    the proposer's own subordinates would make them check their head's plan, so there is no intake step;
//  - an acting head (acting_head, for the dates it covers) takes the head's place while it lasts.
// Anything missing (no employing agency, no head, no superior) is a routing failure with a Vietnamese
// reason: the plan goes to the Home Affairs queue, never lost.
import { DataSource, type EntityManager } from 'typeorm';
import { ActingHead } from '../../entities/acting-head.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import type { Unit } from '../../entities/unit.entity.js';
import { todayVN } from '../calendar/local-date.js';
import { DirectoryService } from '../directory/directory-service.js';
import { isEmployingUnitKind, type WorkflowConfig } from '../workflow/workflow-config.js';

export interface HeadOf {
  officer: Officer;
  acting: boolean;
}

export interface RouteTarget {
  ok: true;
  stage: 'intake' | 'decision';
  decider: Officer;
  deciderActing: boolean;
  /** The unit whose head decides (intake: Home Affairs). */
  unit: Unit;
  basis: 'art_7_3' | 'art_7_4';
  /** The proposer is the head of their employing agency. */
  proposerIsHead: boolean;
  /** For the intake stage: where the plan goes after intake (the provincial committee). */
  next?: { unit: Unit };
}

export interface RouteFailure {
  ok: false;
  reason: 'no_employing_unit' | 'no_head' | 'no_superior' | 'no_home_affairs' | 'proposer_missing';
  /** The unit concerned, when there is one. */
  unit?: Unit;
}

export type RouteResult = RouteTarget | RouteFailure;

export class RoutingService {
  private readonly directory: DirectoryService;
  private readonly manager: EntityManager;

  constructor(
    source: DataSource | EntityManager,
    private readonly config: WorkflowConfig,
    private readonly today: () => string = () => todayVN(),
  ) {
    this.directory = new DirectoryService(source);
    this.manager = source instanceof DataSource ? source.manager : source;
  }

  /** The unit itself when it employs staff, otherwise its nearest ancestor that does. */
  async employingUnit(unitId: string): Promise<Unit | null> {
    const unit = await this.directory.unitById(unitId);
    if (!unit) return null;
    if (unit.active && isEmployingUnitKind(this.config, unit.kind)) return unit;
    for (const ancestor of await this.directory.ancestors(unitId)) {
      if (ancestor.active && isEmployingUnitKind(this.config, ancestor.kind)) return ancestor;
    }
    return null;
  }

  /** The acting head for today, otherwise the head from the directory. */
  async unitById(unitId: string): Promise<Unit | null> {
    return this.directory.unitById(unitId);
  }

  /** The head (or acting head) of the Department of Home Affairs, or null when it has none. */
  async homeAffairsHead(): Promise<HeadOf | null> {
    const unit = await this.directory.homeAffairsUnit();
    return unit ? this.headOf(unit.id) : null;
  }

  async headOf(unitId: string): Promise<HeadOf | null> {
    const today = this.today();
    const acting = await this.manager
      .getRepository(ActingHead)
      .createQueryBuilder('a')
      .where('a.unit_id = :unitId AND a.from_date <= :today AND a.to_date >= :today', { unitId, today })
      .orderBy('a.from_date', 'DESC')
      .addOrderBy('a.created_at', 'DESC')
      .getMany();
    for (const a of acting) {
      const officer = await this.manager.findOne(Officer, { where: { id: a.officerId, active: true }, relations: { unit: true } });
      if (officer) return { officer, acting: true };
    }
    const head = await this.directory.headOfUnit(unitId);
    return head ? { officer: head, acting: false } : null;
  }

  /** Where a plan by this officer (drafted in this unit) goes first. */
  async route(proposerId: string, unitId: string): Promise<RouteResult> {
    const proposer = await this.manager.findOne(Officer, { where: { id: proposerId } });
    if (!proposer) return { ok: false, reason: 'proposer_missing' };
    const employing = await this.employingUnit(unitId);
    if (!employing) {
      const unit = (await this.directory.unitById(unitId)) ?? undefined;
      return { ok: false, reason: 'no_employing_unit', ...(unit ? { unit } : {}) };
    }
    const head = await this.headOf(employing.id);
    if (!head) return { ok: false, reason: 'no_head', unit: employing };
    if (head.officer.id !== proposer.id) {
      return {
        ok: true,
        stage: 'decision',
        decider: head.officer,
        deciderActing: head.acting,
        unit: employing,
        basis: 'art_7_3',
        proposerIsHead: false,
      };
    }
    return this.routeHeadPlan(proposer, employing);
  }

  /** Art. 7.4: the plan of the head of `employing` goes to the head of the superior employing agency. */
  private async routeHeadPlan(proposer: Officer, employing: Unit): Promise<RouteResult> {
    if (!employing.parentId) return { ok: false, reason: 'no_superior', unit: employing };
    const superior = await this.employingUnit(employing.parentId);
    if (!superior) return { ok: false, reason: 'no_superior', unit: employing };
    if (superior.isProvincialCommittee && !employing.isHomeAffairs) {
      const homeAffairs = await this.directory.homeAffairsUnit();
      if (!homeAffairs) return { ok: false, reason: 'no_home_affairs' };
      const intakeHead = await this.headOf(homeAffairs.id);
      if (!intakeHead) return { ok: false, reason: 'no_head', unit: homeAffairs };
      return {
        ok: true,
        stage: 'intake',
        decider: intakeHead.officer,
        deciderActing: intakeHead.acting,
        unit: homeAffairs,
        basis: 'art_7_4',
        proposerIsHead: true,
        next: { unit: superior },
      };
    }
    return this.superiorDecision(superior);
  }

  /** The head of a superior employing agency as decider (Art. 7.4); after intake, the Chairman. */
  async superiorDecision(superior: Unit): Promise<RouteResult> {
    const head = await this.headOf(superior.id);
    if (!head) return { ok: false, reason: 'no_head', unit: superior };
    return {
      ok: true,
      stage: 'decision',
      decider: head.officer,
      deciderActing: head.acting,
      unit: superior,
      basis: 'art_7_4',
      proposerIsHead: true,
    };
  }

  /** The Provincial People's Committee, the next step after the Home Affairs intake. */
  async afterIntake(): Promise<RouteResult> {
    const committee = await this.directory.provincialCommitteeUnit();
    if (!committee) return { ok: false, reason: 'no_superior' };
    return this.superiorDecision(committee);
  }

  /** Voters of Art. 8.1: the head (or acting head) and the deputies of the deciding unit, minus the proposer. */
  async voters(unitId: string, deciderId: string, proposerId: string): Promise<{ officer: Officer; isHead: boolean }[]> {
    const deputies = await this.directory.deputiesOfUnit(unitId);
    const voters = [{ officer: (await this.manager.findOneByOrFail(Officer, { id: deciderId })) as Officer, isHead: true }];
    for (const d of deputies) {
      if (d.id === proposerId || d.id === deciderId) continue;
      voters.push({ officer: d, isHead: false });
    }
    return voters;
  }
}
