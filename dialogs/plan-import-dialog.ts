// A plan read from a document or a long message, waiting for the officer's confirmation. Nothing is
// stored while it waits: the fields live in the dialog state. Answers complete it (a line per missing
// field, or "Tên mục: nội dung"); "đồng ý" stores it (a new draft, or the draft it was sent on) and hands
// over to the wizard, which asks whatever is still missing; "sửa <mục>" stores it and opens that section;
// "hủy" drops it.
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { Officer } from '../entities/officer.entity.js';
import type { ProposalPlan } from '../entities/proposal.entity.js';
import type { BotReply } from '../services/platform/reply.js';
import { planImport as t } from '../services/platform/messages/plan-import.js';
import { wizard } from '../services/platform/messages/wizard.js';
import { mapPlanText, type ImportedFields, type ImportKey } from '../services/plan-import/plan-text-mapper.js';
import { DraftNotFoundError, type ProposalDraftService } from '../services/proposals/proposal-draft-service.js';
import { foldKey } from '../services/text/vietnamese.js';
import { checkImport, stepsToAnswer, type ImportCheck } from './plan-import-check.js';
import { importPreview } from './plan-import-preview.js';
import { PLAN_WIZARD_DIALOG } from './plan-wizard-dialog.js';
import type { WizardOptions } from './wizard-host.js';
import { parseSectionWords } from './wizard-sections.js';
import type { SectionId, StepContext } from './wizard-step.js';

export const PLAN_IMPORT_DIALOG = 'planImport';

export interface PlanImportOptions {
  officerId: string;
  /** The draft the document completes; none: confirming creates a new draft. */
  proposalId?: string;
  /** The file's name, or "tin nhắn". */
  source: string;
  fields: ImportedFields;
  /** Parts a model proposed (machine-reading): marked in the preview until the officer writes them. */
  suggested?: ImportKey[];
}

export interface PlanImportHost {
  drafts: ProposalDraftService;
  stepContext(): StepContext;
  findOfficer(context: TurnContext, id: string): Promise<Officer | null>;
  send(context: TurnContext, reply: BotReply | string): Promise<void>;
  /** Whether the officer may start a new draft (Art. 2 coverage); says why not when not. */
  mayCreate(context: TurnContext, officer: Officer): Promise<boolean>;
}

// "gửi đề xuất" while the plan waits: store it first; the review that follows is where it is sent.
const CONFIRM_WORDS = new Set([
  'dong y',
  'xac nhan',
  'luu',
  'luu vao ban nhap',
  'ok',
  'co',
  'dung',
  'dung roi',
  'luu lai',
  'yes',
  'gui',
  'gui de xuat',
  'gui di',
  'nop',
]);
const CANCEL_WORDS = new Set(['huy', 'huy bo', 'bo', 'bo qua', 'khong', 'khong luu', 'thoi', 'bo, khong luu']);

export class PlanImportDialog extends Dialog<PlanImportOptions> {
  constructor(private readonly host: PlanImportHost) {
    super(PLAN_IMPORT_DIALOG);
  }

  async beginDialog(dc: DialogContext, options?: PlanImportOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('plan import needs fields');
    dc.activeDialog!.state = { ...options };
    await this.show(dc, options);
    return Dialog.EndOfTurn;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as PlanImportOptions;
    // "ghi: …" is how the officer said that a text that reads as a question is the plan's content.
    const typed = typeof dc.context.activity.text === 'string' ? dc.context.activity.text.trim() : '';
    const text = typed.replace(/^ghi\s*:\s*/i, '');
    const command = foldKey(text)
      .replace(/[.!?]+$/, '')
      .trim();
    if (CONFIRM_WORDS.has(command)) return this.commit(dc, state);
    if (CANCEL_WORDS.has(command)) return this.drop(dc, state);
    const section = /^(sua|chinh sua)\s/.test(command) ? parseSectionWords(command) : undefined;
    if (section) return this.commit(dc, state, section);
    if (!text || command === 'xem lai') {
      await this.show(dc, state);
      return Dialog.EndOfTurn;
    }
    const changed = await this.answer(dc, state, text);
    if (changed === 0) await this.host.send(dc.context, t.nothingRead);
    else await this.host.send(dc.context, t.updated(changed));
    await this.show(dc, state);
    return Dialog.EndOfTurn;
  }

  /** After a question or a menu word answered while the plan waits: what it still waits for. */
  async repromptDialog(context: TurnContext): Promise<void> {
    await this.host.send(context, t.stillWaiting);
  }

  private async base(state: PlanImportOptions): Promise<ProposalPlan | null> {
    if (!state.proposalId) return {};
    const draft = await this.host.drafts.get(state.officerId, state.proposalId);
    return draft && draft.status === 'draft' ? draft.plan : null;
  }

  private async check(dc: DialogContext, state: PlanImportOptions): Promise<ImportCheck | null> {
    const base = await this.base(state);
    if (!base) {
      await this.host.send(dc.context, wizard.draftGone);
      return null;
    }
    return checkImport(state.fields, this.host.stepContext(), base);
  }

  private async show(dc: DialogContext, state: PlanImportOptions): Promise<void> {
    const check = await this.check(dc, state);
    if (!check) return;
    for (const reply of importPreview(check, state.source, this.host.stepContext(), new Set(state.suggested ?? [])))
      await this.host.send(dc.context, reply);
  }

  /** A reply while waiting: labelled fields ("Kinh phí: 150 triệu"), else one line per field still to answer. */
  private async answer(dc: DialogContext, state: PlanImportOptions, text: string): Promise<number> {
    const labelled = mapPlanText(text);
    const keys = (Object.keys(labelled.fields) as ImportKey[]).filter(
      (k) => (labelled.headings > 0 || /^c[1-4]$/.test(k)) && !(k === 'title' && labelled.guessedTitle),
    );
    if (keys.length) {
      for (const key of keys) this.set(state, key, labelled.fields[key]!);
      return keys.length;
    }
    const check = await this.check(dc, state);
    if (!check) return 0;
    const pending = stepsToAnswer(check);
    if (!pending.length) return 0;
    const lines = pending.length === 1 ? [text] : text.split(/\r?\n/).map((l) => l.replace(/^\s*\d{1,2}[.)]\s+/, '').trim());
    const answers = lines.filter(Boolean);
    // More lines than fields: the rest belongs to the last one.
    if (answers.length > pending.length) answers.splice(pending.length - 1, Infinity, answers.slice(pending.length - 1).join('\n'));
    answers.forEach((line, i) => this.set(state, pending[i].id as ImportKey, line));
    return answers.length;
  }

  /** The officer's own words for a part: no longer the model's draft. */
  private set(state: PlanImportOptions, key: ImportKey, value: string): void {
    state.fields[key] = value;
    if (state.suggested) state.suggested = state.suggested.filter((k) => k !== key);
  }

  private async commit(dc: DialogContext, state: PlanImportOptions, section?: SectionId): Promise<DialogTurnResult> {
    const officer = await this.host.findOfficer(dc.context, state.officerId);
    const check = officer ? await this.check(dc, state) : null;
    if (!officer || !check) return dc.endDialog();
    const channel = String(dc.context.activity.channelId ?? '').slice(0, 16);
    let proposalId = state.proposalId;
    try {
      if (proposalId) await this.host.drafts.saveAnswers(officer, proposalId, check.changes, channel);
      else {
        if (!(await this.host.mayCreate(dc.context, officer))) return dc.endDialog();
        proposalId = (await this.host.drafts.create(officer, channel, check.changes)).id;
      }
    } catch (err) {
      if (!(err instanceof DraftNotFoundError)) throw err;
      await this.host.send(dc.context, wizard.draftGone);
      return dc.endDialog();
    }
    const options: WizardOptions = {
      proposalId,
      officerId: officer.id,
      intro: t.saved(check.found.length),
      ...(section ? { mode: 'edit' as const, section } : { mode: 'fill' as const }),
    };
    return dc.replaceDialog(PLAN_WIZARD_DIALOG, options);
  }

  private async drop(dc: DialogContext, state: PlanImportOptions): Promise<DialogTurnResult> {
    if (state.proposalId) {
      // Back to the draft the document was sent on, where the officer was.
      return dc.replaceDialog(PLAN_WIZARD_DIALOG, { proposalId: state.proposalId, officerId: state.officerId, intro: t.discarded });
    }
    await this.host.send(dc.context, t.discarded);
    return dc.endDialog();
  }
}
