// The province's library of innovations: search, one entry, similar plans at submission and on the
// decider's card, excerpts for "gợi ý", and the pre-filled plan of "áp dụng tại đơn vị tôi". Every caller
// checks first that the reader is in the directory (the bot's turn and the web session both do).
import type { DataSource } from 'typeorm';
import type { Proposal, ProposalPlan } from '../../entities/proposal.entity.js';
import { LibraryCache } from './library-cache.js';
import { libraryRecord, pendingOfUnit, type LibraryRecord } from './library-entries.js';
import { searchLibrary, type LibraryFilters } from './library-search.js';
import { excerptsFor, type PlanExcerpt } from './plan-excerpts.js';
import { ideaText, rankSimilar } from './similar-plans.js';

export interface SimilarPlan {
  record: LibraryRecord;
  /** 'library': approved or evaluated anywhere in the province; 'pending': under consideration in the same unit. */
  source: 'library' | 'pending';
  score: number;
}

/** What "áp dụng tại đơn vị tôi" copies: not the necessity, the bottleneck, nor anything tied to the other unit. */
const COPIED_KEYS = [
  'title',
  'field',
  'purpose',
  'requirements',
  'content',
  'feasibility',
  'positiveImpacts',
  'negativeImpacts',
  'expectedResults',
] as const satisfies readonly (keyof ProposalPlan)[];

export class LibraryService {
  /** The library's plans, read again only when the library changed (services/library/library-cache.ts). */
  readonly cache: LibraryCache;

  constructor(private readonly dataSource: DataSource) {
    this.cache = new LibraryCache(dataSource);
  }

  async search(filters: LibraryFilters): Promise<LibraryRecord[]> {
    return searchLibrary(await this.cache.records(), filters);
  }

  /** Every entry (for the page's filter lists). */
  all(): Promise<LibraryRecord[]> {
    return this.cache.records();
  }

  entry(ref: { id?: string; code?: string }): Promise<LibraryRecord | null> {
    return libraryRecord(this.dataSource, ref);
  }

  /** Up to three plans like this one: from the library, and under consideration in the same unit. */
  async similarTo(proposal: Pick<Proposal, 'id' | 'unitId' | 'plan'>): Promise<SimilarPlan[]> {
    if (!proposal.plan.title?.trim()) return [];
    // Itself, and the entry it was started from (named in the plan already), are not "similar".
    const source = proposal.plan.source?.code;
    const library = (await this.cache.records()).filter((r) => r.id !== proposal.id && r.code !== source);
    const pending = await pendingOfUnit(this.dataSource, proposal.unitId, proposal.id);
    const candidates = [
      ...library.map((record) => ({ record, source: 'library' as const })),
      ...pending.map((record) => ({ record, source: 'pending' as const })),
    ];
    return rankSimilar(ideaText(proposal.plan), candidates, (c) => ideaText(c.record.plan), {
      terms: (c) => (c.source === 'library' ? this.cache.termsOf(c.record) : undefined),
    }).map((s) => ({ ...s.item, score: s.score }));
  }

  /** Two anonymised excerpts of one plan part from the library's plans of the same field. */
  async excerpts(key: keyof ProposalPlan, field: string | undefined, exceptId: string): Promise<PlanExcerpt[]> {
    return excerptsFor(await this.cache.records(), key, field, exceptId);
  }
}

/** The answers a draft started from a library entry begins with, its source named. */
export function prefillFrom(record: LibraryRecord): Partial<ProposalPlan> {
  const plan: Partial<ProposalPlan> = {};
  for (const key of COPIED_KEYS) {
    const value = record.plan[key];
    if (typeof value === 'string' && value.trim()) plan[key] = value;
  }
  plan.source = { code: record.code, title: record.title, unitName: record.unitName };
  return plan;
}
