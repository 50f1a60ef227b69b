// The plan wizard: walks the section dialogs' steps, one slot per answer, saving each answer at once.
// The dialog state only remembers which draft and which step; the plan itself is in PostgreSQL, so the
// officer can resume in any conversation or channel. At any step: "quay lại", "bỏ qua" (optional
// slots), "giữ nguyên" (keep the current value), "lưu nháp"/"thoát", "hủy" (confirmed), "xem lại".
//
// Its parts: wizard-host.ts (options, host, state), wizard-navigation.ts (which step next), wizard-prompts.ts
// (what it says about a step).
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { Officer } from '../entities/officer.entity.js';
import type { Proposal, ProposalPlan } from '../entities/proposal.entity.js';
import { wizard } from '../services/platform/messages/wizard.js';
import { writing } from '../services/platform/messages/library.js';
import { DraftNotFoundError } from '../services/proposals/proposal-draft-service.js';
import { CONFIRM_AMOUNT_BELOW, numberInWords } from '../services/intents/echo.js';
import { wizardControlOf } from '../services/intents/understanding.js';
import { formatVND } from '../services/documents/format.js';
import { foldKey } from '../services/text/vietnamese.js';
import type { WizardHost, WizardOptions, WizardState } from './wizard-host.js';
import { firstStepOf, lastApplicableStep, nextStep, previousStep } from './wizard-navigation.js';
import { draftLabel, echoOf, millionsOf, stepPrompt } from './wizard-prompts.js';
import { parseSectionWords, stepById, WIZARD_STEPS } from './wizard-sections.js';
import type { SectionId } from './wizard-step.js';

export const PLAN_WIZARD_DIALOG = 'planWizard';

// "lưu nháp", "hủy" …: one list, in services/intents/understanding.ts, shared with the router.
const YES_WORDS = new Set(['co', 'dong y', 'huy', 'yes', 'ok', 'chac chan', 'co huy', 'xac nhan']);
const SUBMIT_WORDS = new Set(['gui', 'gui de xuat', 'xac nhan', 'nop', 'gui di', 'xac nhan gui', 'dong y']);

export class PlanWizardDialog extends Dialog<WizardOptions> {
  constructor(private readonly host: WizardHost) {
    super(PLAN_WIZARD_DIALOG);
  }

  async beginDialog(dc: DialogContext, options?: WizardOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error('plan wizard needs a draft');
    const state: WizardState = { proposalId: options.proposalId, officerId: options.officerId, mode: options.mode ?? 'fill' };
    dc.activeDialog!.state = state;
    if (options.intro) await this.host.send(dc.context, options.intro);
    const proposal = await this.load(dc, state);
    if (!proposal) return dc.endDialog();
    if (state.mode === 'edit' && options.section) return this.startEdit(dc, state, proposal, options.section);
    if (state.mode === 'review') {
      if (!options.quiet) await this.host.sendReview(dc.context, proposal);
      return Dialog.EndOfTurn;
    }
    return this.goForward(dc, state, proposal, undefined, true);
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as WizardState;
    const text = typeof dc.context.activity.text === 'string' ? dc.context.activity.text.trim() : '';
    const proposal = await this.load(dc, state);
    if (!proposal) return dc.endDialog();
    const officer = await this.host.findOfficer(dc.context, state.officerId);
    if (!officer) return dc.endDialog();
    const command = foldKey(text)
      .replace(/[.!?]+$/, '')
      .trim();
    const label = draftLabel(proposal.plan);

    if (state.mode === 'confirmCancel') {
      if (YES_WORDS.has(command)) {
        await this.host.drafts.withdraw(officer, proposal.id, this.channel(dc)).catch((err) => {
          if (!(err instanceof DraftNotFoundError)) throw err;
        });
        await this.host.send(dc.context, wizard.cancelled(label));
        return dc.endDialog();
      }
      state.mode = state.previousMode ?? 'fill';
      await this.host.send(dc.context, wizard.notCancelled);
      return this.reprompt(dc, state, proposal);
    }
    const control = wizardControlOf(text);
    if (control === 'save') {
      await this.host.send(dc.context, wizard.saved(label));
      return dc.endDialog();
    }
    if (control === 'cancel') {
      state.previousMode = state.mode;
      state.mode = 'confirmCancel';
      await this.host.send(dc.context, wizard.cancelConfirm(label));
      return Dialog.EndOfTurn;
    }
    const shown = command.startsWith('xem lai ') ? parseSectionWords(command.slice('xem lai '.length)) : undefined;
    if (shown && this.host.sendSection) {
      await this.host.sendSection(dc.context, proposal, shown);
      return state.mode === 'review' ? Dialog.EndOfTurn : this.reprompt(dc, state, proposal);
    }
    if (command === 'xem lai') {
      await this.host.sendReview(dc.context, proposal);
      if (state.mode === 'review') return Dialog.EndOfTurn;
      return this.reprompt(dc, state, proposal);
    }
    if (state.mode === 'review') {
      if (SUBMIT_WORDS.has(command)) {
        const done = await this.host.submit(dc.context, officer, proposal.id);
        return done ? dc.endDialog() : Dialog.EndOfTurn;
      }
      const section = command.startsWith('sua') || command.startsWith('chinh sua') ? parseSectionWords(command) : undefined;
      if (section) return this.startEdit(dc, state, proposal, section);
      if (command === 'quay lai') {
        state.mode = 'fill';
        state.stepId = lastApplicableStep(proposal.plan).id;
        return this.prompt(dc, state.stepId, proposal);
      }
      await this.host.send(dc.context, wizard.reviewPrompt);
      return Dialog.EndOfTurn;
    }

    const step = stepById(state.stepId ?? '') ?? WIZARD_STEPS[0];
    if (state.pendingAmount !== undefined) {
      const pending = state.pendingAmount;
      delete state.pendingAmount;
      if (step.id === 'fundingAmount' && YES_WORDS.has(command) && command !== 'huy') {
        const saved = await this.save(dc, officer, proposal, { fundingAmount: pending });
        return saved ? this.goForward(dc, state, saved, step.id, false, echoOf(step, saved.plan, this.host.stepContext())) : dc.endDialog();
      }
    }
    if (command === 'quay lai') {
      const previous = previousStep(step, proposal.plan, state);
      if (!previous) {
        await this.host.send(dc.context, wizard.firstStep);
        return this.prompt(dc, step.id, proposal);
      }
      state.stepId = previous.id;
      return this.prompt(dc, previous.id, proposal);
    }
    if (command === 'bo qua') {
      if (!step.optional || !step.skip) {
        await this.host.send(dc.context, wizard.notOptional);
        return this.prompt(dc, step.id, proposal);
      }
      const saved = await this.save(dc, officer, proposal, step.skip);
      return saved ? this.goForward(dc, state, saved, step.id) : dc.endDialog();
    }
    const draft = state.pendingDraft?.stepId === step.id ? state.pendingDraft.text : undefined;
    delete state.pendingDraft;
    if (command === 'viet giup' && this.host.writeHelp) {
      const help = await this.host.writeHelp(step, proposal);
      if (help.draft) state.pendingDraft = { stepId: step.id, text: help.draft };
      await this.host.send(dc.context, help.text);
      return Dialog.EndOfTurn;
    }
    if (command === 'dung ban nhap' && !draft && this.host.writeHelp) {
      await this.host.send(dc.context, writing.noDraft);
      return Dialog.EndOfTurn;
    }
    if (command === 'goi y' && this.host.hints) {
      await this.host.send(dc.context, await this.host.hints(step, proposal));
      return Dialog.EndOfTurn;
    }
    if (command === 'giu nguyen' && step.current(proposal.plan, this.host.stepContext()) !== undefined) {
      return this.goForward(dc, state, proposal, step.id);
    }
    if (!text) {
      await this.host.send(dc.context, wizard.invalid('Tôi chưa nhận được nội dung.', ''));
      return this.prompt(dc, step.id, proposal);
    }
    // "ghi: …" forces an answer that would otherwise read as a question (the router let it through);
    // "dùng bản nháp" keeps the draft "viết giúp" offered.
    const content = command === 'dung ban nhap' && draft ? draft : text.replace(/^ghi\s*:\s*/i, '') || text;
    const parsed = step.parse(content, proposal.plan, this.host.stepContext());
    if (!parsed.ok) {
      await this.host.send(dc.context, `${wizard.invalid(parsed.error, content)}\n${wizard.example(step.example)}`);
      return Dialog.EndOfTurn;
    }
    const amount = parsed.value.fundingAmount;
    if (step.id === 'fundingAmount' && amount !== undefined && amount !== '0' && BigInt(amount) < CONFIRM_AMOUNT_BELOW) {
      state.pendingAmount = amount;
      await this.host.send(
        dc.context,
        wizard.confirmSmallAmount(formatVND(BigInt(amount)), numberInWords(BigInt(amount)), millionsOf(content)),
      );
      return Dialog.EndOfTurn;
    }
    const saved = await this.save(dc, officer, proposal, parsed.value);
    return saved ? this.goForward(dc, state, saved, step.id, false, echoOf(step, saved.plan, this.host.stepContext())) : dc.endDialog();
  }

  /**
   * Asks the waiting question again after the router ran something else in between (menu, help, "việc
   * chờ tôi", a typed command with a code): the step, the review, or the cancel confirmation.
   */
  async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as WizardState;
    const proposal = await this.host.drafts.get(state.officerId, state.proposalId);
    if (!proposal || proposal.status !== 'draft') return;
    if (state.mode === 'confirmCancel') {
      await this.host.send(context, wizard.cancelConfirm(draftLabel(proposal.plan)));
      return;
    }
    if (state.mode === 'review' || !state.stepId) {
      await this.host.sendReview(context, proposal);
      return;
    }
    await this.host.send(context, `${wizard.backToStep}\n${stepPrompt(stepById(state.stepId)!, proposal.plan, this.host.stepContext())}`);
  }

  private channel(dc: DialogContext): string {
    return String(dc.context.activity.channelId ?? '').slice(0, 16);
  }

  private async load(dc: DialogContext, state: WizardState): Promise<Proposal | null> {
    const proposal = await this.host.drafts.get(state.officerId, state.proposalId);
    if (!proposal || proposal.status !== 'draft') {
      await this.host.send(dc.context, wizard.draftGone);
      return null;
    }
    return proposal;
  }

  private async save(dc: DialogContext, officer: Officer, proposal: Proposal, changes: Partial<ProposalPlan>): Promise<Proposal | null> {
    try {
      return await this.host.drafts.saveAnswers(officer, proposal.id, changes, this.channel(dc));
    } catch (err) {
      if (err instanceof DraftNotFoundError) {
        await this.host.send(dc.context, wizard.draftGone);
        return null;
      }
      throw err;
    }
  }

  private async startEdit(dc: DialogContext, state: WizardState, proposal: Proposal, section: SectionId): Promise<DialogTurnResult> {
    const first = firstStepOf(section, proposal.plan);
    state.mode = 'edit';
    state.editSection = section;
    state.stepId = first.id;
    await this.host.send(dc.context, wizard.editing(wizard.sections[section]));
    return this.prompt(dc, first.id, proposal);
  }

  private async goForward(
    dc: DialogContext,
    state: WizardState,
    proposal: Proposal,
    afterId: string | undefined,
    withHints = false,
    echo?: string,
  ): Promise<DialogTurnResult> {
    const ctx = this.host.stepContext();
    const next = nextStep(state, proposal.plan, ctx, afterId);
    if (!next) {
      state.mode = 'review';
      state.stepId = undefined;
      if (echo) await this.host.send(dc.context, echo);
      await this.host.sendReview(dc.context, proposal);
      return Dialog.EndOfTurn;
    }
    state.stepId = next.id;
    return this.prompt(dc, next.id, proposal, withHints, echo);
  }

  private async reprompt(dc: DialogContext, state: WizardState, proposal: Proposal): Promise<DialogTurnResult> {
    if (state.mode === 'review' || !state.stepId) {
      await this.host.sendReview(dc.context, proposal);
      return Dialog.EndOfTurn;
    }
    return this.prompt(dc, state.stepId, proposal);
  }

  private async prompt(dc: DialogContext, stepId: string, proposal: Proposal, withHints = false, echo?: string): Promise<DialogTurnResult> {
    const text = stepPrompt(stepById(stepId)!, proposal.plan, this.host.stepContext(), withHints);
    await this.host.send(dc.context, echo ? `${echo}\n${text}` : text);
    return Dialog.EndOfTurn;
  }
}
