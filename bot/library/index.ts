// The province's library of innovations in the chat: "tìm sáng kiến <từ khóa>" (text results on every
// channel), "áp dụng tại đơn vị tôi" (a draft pre-filled from an entry, its source named), joining forces
// with a similar proposal, and the consent to be named in the library, chosen on the review card.
// Every verb checks that the person is an active member of the directory.
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import type { CoreTurn } from '../core/core-turn.js';
import type { CommandResult } from '../core/command-registry.js';
import { checkCoverage } from '../../dialogs/coverage-dialog.js';
import { pendingOfUnit } from '../../services/library/library-entries.js';
import { prefillFrom } from '../../services/library/library-service.js';
import { library as t } from '../../services/platform/messages/index.js';
import { DraftNotFoundError, ProposalDraftService } from '../../services/proposals/proposal-draft-service.js';
import { PLAN_VERBS } from '../proposal/plan-review-card.js';
import { LIBRARY_VERBS, searchCard } from './library-card.js';

const CODE = /^(ĐX|DX)-\d{4}-\d{4}$/i;
const channelOf = (turn: CoreTurn) => String(turn.context.activity.channelId ?? '').slice(0, 16);

export function registerLibraryFeature(bot: BotApplication, container: Container): void {
  const { dataSource, library, workflow } = container;
  const drafts = new ProposalDraftService(dataSource);
  /** Who may read the library: anyone active in the directory. */
  const member = async (turn: CoreTurn): Promise<string | undefined> => (turn.officer?.active ? undefined : t.notAllowed);
  const pageUrl = () =>
    container.configuration.web.enabled ? `${container.web.config.publicBaseUrl ?? container.links.base()}/library` : undefined;
  const isInvoke = (turn: CoreTurn) => turn.context.activity.type === 'invoke';

  /** The draft a typed command at the review means: the one the wizard in this conversation holds. */
  const draftOfDialog = async (turn: CoreTurn): Promise<string | undefined> => {
    const dc = await bot.dialogs.createContext(turn.context);
    const state = dc.activeDialog?.state as { proposalId?: string } | undefined;
    return state?.proposalId;
  };

  /** The refreshed review card of a draft (the proposal feature's own verb), with a line on what was done. */
  const review = async (turn: CoreTurn, draftId: string, done: string): Promise<CommandResult> => {
    const card = await bot.commands.get(PLAN_VERBS.review)!(turn, { proposalId: draftId });
    if (!card || typeof card === 'string') return done;
    return { ...card, body: [done, ...(card.body ?? [])], status: done };
  };

  bot.commands.register(
    LIBRARY_VERBS.search,
    async (_turn, data) => {
      const words = typeof data.query === 'string' ? data.query.trim().slice(0, 200) : '';
      const found = await library.search({ words });
      if (!found.length) return words ? t.noResults(words) : t.empty;
      return searchCard(found, words, workflow, pageUrl());
    },
    member,
  );
  bot.commands.registerText({
    keywords: ['tìm sáng kiến', 'tìm kiếm sáng kiến', 'thư viện sáng kiến'],
    verb: LIBRARY_VERBS.search,
    parse: (rest) => ({ query: rest }),
  });

  bot.commands.register(
    LIBRARY_VERBS.apply,
    async (turn, data) => {
      const ref = typeof data.entryId === 'string' ? { id: data.entryId } : typeof data.code === 'string' ? { code: data.code } : null;
      const entry = ref ? await library.entry(ref) : null;
      if (!entry) return t.applyNotFound;
      const coverage = checkCoverage(turn.officer, workflow, container.config.DIRECTORY_CONTACT);
      if (!coverage.allowed) return coverage.notice;
      const draft = await drafts.create(turn.officer, channelOf(turn));
      await drafts.saveAnswers(turn.officer, draft.id, prefillFrom(entry), channelOf(turn));
      const intro = t.applied(entry.code, entry.title, entry.unitName);
      await turn.send(intro);
      // The wizard opens on the first part left to write (the necessity), as for any draft resumed.
      await bot.commands.get(PLAN_VERBS.resume)!(turn, { proposalId: draft.id });
      return isInvoke(turn) ? { title: intro } : undefined;
    },
    member,
  );
  bot.commands.registerText({
    keywords: ['áp dụng sáng kiến', 'áp dụng tại đơn vị tôi'],
    verb: LIBRARY_VERBS.apply,
    parse: (rest) => (CODE.test(rest.trim()) ? { code: rest.trim() } : undefined),
  });

  bot.commands.register(
    LIBRARY_VERBS.join,
    async (turn, data) => {
      const draftId = typeof data.draftId === 'string' ? data.draftId : await draftOfDialog(turn);
      const code = typeof data.code === 'string' ? data.code.trim().toUpperCase().replace(/^DX/, 'ĐX') : '';
      const draft = draftId ? await drafts.get(turn.officer.id, draftId) : null;
      if (!draft || draft.status !== 'draft') return t.joinNoDraft;
      // Readable to this officer: a library entry (everyone), or a proposal under consideration in their unit.
      const other =
        (await library.entry({ code })) ?? (await pendingOfUnit(dataSource, draft.unitId, draft.id)).find((r) => r.code === code) ?? null;
      if (!other) return t.joinNotFound;
      const joinWith = [...new Set([...(draft.plan.joinWith ?? []), other.code])];
      try {
        await drafts.saveAnswers(turn.officer, draft.id, { joinWith }, channelOf(turn));
      } catch (err) {
        if (err instanceof DraftNotFoundError) return t.joinNoDraft;
        throw err;
      }
      const contact = other.proposerName ? t.joinContactNamed(other.proposerName, other.unitName) : t.joinContactUnit(other.unitName);
      return review(turn, draft.id, t.joined(other.code, contact));
    },
    member,
  );
  bot.commands.registerText({
    keywords: ['phối hợp', 'phối hợp với'],
    verb: LIBRARY_VERBS.join,
    parse: (rest) => (CODE.test(rest.trim()) ? { code: rest.trim() } : undefined),
  });

  bot.commands.register(
    LIBRARY_VERBS.consent,
    async (turn, data) => {
      const draftId = typeof data.proposalId === 'string' ? data.proposalId : await draftOfDialog(turn);
      const draft = draftId ? await drafts.get(turn.officer.id, draftId) : null;
      if (!draft || draft.status !== 'draft') return t.consentNoDraft;
      const consent = data.consent === true;
      try {
        await drafts.saveAnswers(turn.officer, draft.id, { nameInLibrary: consent }, channelOf(turn));
      } catch (err) {
        if (err instanceof DraftNotFoundError) return t.consentNoDraft;
        throw err;
      }
      return review(turn, draft.id, consent ? t.consentYes : t.consentNo);
    },
    member,
  );
  // Typed at the review (text channels): the review's own words, so the data says so.
  bot.commands.registerText({
    keywords: ['nêu tên tôi', 'đồng ý nêu tên tôi'],
    verb: LIBRARY_VERBS.consent,
    parse: (rest) => (rest.trim() ? undefined : { consent: true, atReview: true }),
  });
  bot.commands.registerText({
    keywords: ['không nêu tên tôi'],
    verb: LIBRARY_VERBS.consent,
    parse: (rest) => (rest.trim() ? undefined : { consent: false, atReview: true }),
  });
}
