// The library as the chat shows it: search results (text on every channel, one "áp dụng" action each), the
// similar proposals on the review card and the decider's card, and the plan's own library lines (source,
// joining forces, consent to be named).
import type { ProposalPlan } from '../../entities/proposal.entity.js';
import type { LibraryRecord } from '../../services/library/library-entries.js';
import type { SimilarPlan } from '../../services/library/library-service.js';
import { decisions, library as t, wizard } from '../../services/platform/messages/index.js';
import type { CardAction, CardSection, NeutralCard } from '../../services/platform/reply.js';
import { fieldLabel, type WorkflowConfig } from '../../services/workflow/workflow-config.js';

export const LIBRARY_VERBS = {
  search: 'library.search',
  apply: 'library.apply',
  join: 'library.join',
  consent: 'library.consent',
} as const;

/** At most this many results in a chat answer; the web page lists them all. */
export const CHAT_RESULTS = 5;

/** Where a plan stands: the evaluation's outcome once evaluated, else its status. */
export function standing(r: LibraryRecord): string {
  return r.outcome ? t.outcomeLabel(r.outcome) : decisions.statusLabel(r.status);
}

export function searchCard(found: LibraryRecord[], words: string, config: WorkflowConfig, pageUrl?: string): NeutralCard {
  const shown = found.slice(0, CHAT_RESULTS);
  const body = [words ? t.found(shown.length, found.length) : t.latest, ...(pageUrl ? [t.page(pageUrl)] : [])];
  return {
    title: words ? t.resultsFor(words) : t.title,
    body,
    sections: shown.map((r, i) => ({
      heading: t.entryHeading(i + 1, r.code, r.title),
      text: t.entryText({
        unitName: r.unitName,
        field: r.field ? (fieldLabel(config, r.field) ?? r.field) : '',
        year: r.year,
        status: standing(r),
        summary: r.summary,
        result: r.evaluationResult,
        name: r.proposerName,
      }),
    })),
    actions: shown.map((r, i) => ({
      title: t.apply(i + 1),
      verb: LIBRARY_VERBS.apply,
      data: { entryId: r.id },
      command: `áp dụng sáng kiến ${r.code}`,
    })),
  };
}

export function similarSections(similar: SimilarPlan[], heading = t.similarHeading): CardSection[] {
  if (!similar.length) return [];
  return [
    {
      heading,
      text: similar.map((s) => t.similarLine(s.record.code, s.record.title, s.source, s.record.unitName, standing(s.record))).join('\n\n'),
    },
  ];
}

/** Behind the review's "Sửa một phần" (Teams shows few buttons): they change the plan too. */
export function joinActions(similar: SimilarPlan[], draftId: string, group: string): CardAction[] {
  return similar.map((s) => ({
    title: t.join(s.record.code),
    verb: LIBRARY_VERBS.join,
    data: { draftId, code: s.record.code },
    command: `phối hợp ${s.record.code}`,
    group,
  }));
}

/** The plan's own library lines: where it comes from, whom the proposer wants to work with. */
export function planLibrarySections(plan: ProposalPlan): CardSection[] {
  const out: CardSection[] = [];
  if (plan.source) out.push({ heading: t.sourceHeading, text: t.sourceText(plan.source.code, plan.source.title, plan.source.unitName) });
  if (plan.joinWith?.length) out.push({ heading: t.joinHeading, text: plan.joinWith.join(', ') });
  return out;
}

/** What the review card adds before sending: the similar plans, the consent line and their actions. */
export function reviewLibraryParts(
  plan: ProposalPlan,
  draftId: string,
  similar: SimilarPlan[],
): { body: string[]; sections: CardSection[]; actions: CardAction[] } {
  const consent = plan.nameInLibrary === true;
  return {
    body: [...(similar.length ? [t.similarIntro] : []), consent ? t.consentYes : t.consentNo],
    sections: [...planLibrarySections(plan), ...similarSections(similar)],
    actions: [
      ...joinActions(similar, draftId, wizard.editGroup),
      {
        title: consent ? t.consentWithdraw : t.consentGive,
        verb: LIBRARY_VERBS.consent,
        data: { proposalId: draftId, consent: !consent },
        command: consent ? 'không nêu tên tôi' : 'nêu tên tôi',
        group: wizard.editGroup,
      },
    ],
  };
}
