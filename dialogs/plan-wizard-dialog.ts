// The plan wizard: walks the section dialogs' steps, one slot per answer, saving each answer at once.
// The dialog state only remembers which draft and which step; the plan itself is in PostgreSQL, so the
// officer can resume in any conversation or channel. At any step: "quay lại", "bỏ qua" (optional
// slots), "giữ nguyên" (keep the current value), "lưu nháp"/"thoát", "hủy" (confirmed), "xem lại".
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { Officer } from '../entities/officer.entity.js';
import type { Proposal, ProposalPlan } from '../entities/proposal.entity.js';
import type { BotReply } from '../services/platform/reply.js';
import { wizard } from '../services/platform/messages/wizard.js';
import { writing } from '../services/platform/messages/library.js';
import { DraftNotFoundError, type ProposalDraftService } from '../services/proposals/proposal-draft-service.js';
import { CONFIRM_AMOUNT_BELOW, numberInWords } from '../services/intents/echo.js';
import { wizardControlOf } from '../services/intents/understanding.js';
import { formatVND } from '../services/documents/format.js';
import { foldKey } from '../services/text/vietnamese.js';
import { applies, nextEmptyStep, parseSectionWords, stepById, WIZARD_SECTIONS, WIZARD_STEPS } from './wizard-sections.js';
import type { SectionId, StepContext, WizardStep } from './wizard-step.js';

export const PLAN_WIZARD_DIALOG = 'planWizard';

export type WizardMode = 'fill' | 'edit' | 'review' | 'confirmCancel';

export interface WizardOptions {
  proposalId: string;
  officerId: string;
  mode?: 'fill' | 'edit' | 'review';
  section?: SectionId;
  /** Sent before the first prompt. */
  intro?: BotReply | string;
  /** Review mode without sending the review: the caller shows it (the one-card form's "Lưu"). */
  quiet?: boolean;
}

interface WizardState {
  proposalId: string;
  officerId: string;
  mode: WizardMode;
  stepId?: string;
  editSection?: SectionId;
  previousMode?: WizardMode;
  /** An amount under one million đồng, waiting for "có" before it is stored. */
  pendingAmount?: string;
  /** A draft of this step from "viết giúp", stored only if the officer says "dùng bản nháp". */
  pendingDraft?: { stepId: string; text: string };
}

/** What the dialog needs from the feature (services, rendering, submission). */
export interface WizardHost {
  drafts: ProposalDraftService;
  stepContext(): StepContext;
  /** The officer by id (the turn's own officer without a query). */
  findOfficer(context: TurnContext, id: string): Promise<Officer | null>;
  send(context: TurnContext, reply: BotReply | string): Promise<void>;
  /** Sends the review card (with what is still missing). */
  sendReview(context: TurnContext, proposal: Proposal): Promise<void>;
  /** Submits; true when the wizard is over (submitted, or nothing left to submit). */
  submit(context: TurnContext, officer: Officer, proposalId: string): Promise<boolean>;
  /** "gợi ý": how others in the province filled this step (the library), or the step's example. */
  hints?(step: WizardStep, proposal: Proposal): Promise<string>;
  /** "viết giúp": a generated draft of this step (validated), or why there is none. */
  writeHelp?(step: WizardStep, proposal: Proposal): Promise<{ text: string; draft?: string }>;
  /** One section in full ("xem lại phần b"): a phone shows the review with each section shortened. */
  sendSection?(context: TurnContext, proposal: Proposal, section: SectionId): Promise<void>;
}

// "lưu nháp", "hủy" …: one list, in services/intents/understanding.ts, shared with the router.
const YES_WORDS = new Set(['co', 'dong y', 'huy', 'yes', 'ok', 'chac chan', 'co huy', 'xac nhan']);
const SUBMIT_WORDS = new Set(['gui', 'gui de xuat', 'xac nhan', 'nop', 'gui di', 'xac nhan gui', 'dong y']);

export function draftLabel(plan: ProposalPlan): string {
  return plan.title?.trim() || wizard.untitled;
}

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
        state.stepId = this.lastApplicable(proposal.plan).id;
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
      const previous = this.previousStep(step, proposal.plan, state);
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
    const first = WIZARD_SECTIONS.find((s) => s.id === section)!.steps.find((s) => applies(s, proposal.plan))!;
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
    let next: WizardStep | undefined;
    if (state.mode === 'edit') {
      const steps = WIZARD_SECTIONS.find((s) => s.id === state.editSection)!.steps.filter((s) => applies(s, proposal.plan));
      const i = steps.findIndex((s) => s.id === afterId);
      next = steps[i + 1];
    } else {
      next = nextEmptyStep(proposal.plan, ctx, afterId);
    }
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

  private previousStep(step: WizardStep, plan: ProposalPlan, state: WizardState): WizardStep | undefined {
    const pool = state.mode === 'edit' ? WIZARD_SECTIONS.find((s) => s.id === state.editSection)!.steps : WIZARD_STEPS;
    const i = pool.findIndex((s) => s.id === step.id);
    return pool
      .slice(0, Math.max(0, i))
      .reverse()
      .find((s) => applies(s, plan));
  }

  private lastApplicable(plan: ProposalPlan): WizardStep {
    return [...WIZARD_STEPS].reverse().find((s) => applies(s, plan))!;
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

/** The text of one step: where we are, what is wanted, an example, the current value and the options. */
export function stepPrompt(step: WizardStep, plan: ProposalPlan, ctx: StepContext, withHints = false): string {
  const n = WIZARD_STEPS.indexOf(step) + 1;
  const explain = typeof step.explain === 'function' ? step.explain(ctx, plan) : step.explain;
  const current = step.current(plan, ctx);
  const lines = [
    wizard.stepHeader(n, WIZARD_STEPS.length, wizard.sections[step.section], step.label),
    explain,
    wizard.example(step.example),
  ];
  if (current !== undefined) {
    lines.push(current ? wizard.current(current) : wizard.current('(không có)'));
    lines.push(wizard.keepHint);
  }
  if (step.optional) lines.push(wizard.optionalHint);
  if (withHints) lines.push(wizard.hints);
  return lines.join('\n');
}

/** The echo of what a step stored, for the steps where a misreading is likely: field, dates, amount. */
const ECHOED_STEPS = new Set(['field', 'startDate', 'endDate']);
function echoOf(step: WizardStep, plan: ProposalPlan, ctx: StepContext): string | undefined {
  if (step.id === 'fundingAmount') {
    const amount = plan.fundingAmount;
    if (amount === undefined || amount === '0') return undefined;
    const value = BigInt(amount);
    return wizard.recordedAmount(formatVND(value), numberInWords(value));
  }
  // Art. 5: a "Không" to a condition is told plainly, once, when it is answered.
  if (step.section === 'check') {
    const c = plan.conditions?.[step.id as 'c1' | 'c2' | 'c3' | 'c4'];
    return c && !c.met ? wizard.conditionNotMet(step.label) : undefined;
  }
  if (!ECHOED_STEPS.has(step.id)) return undefined;
  const value = step.current(plan, ctx);
  return value ? wizard.recorded(step.label, value) : undefined;
}

/** "350.000" → "350": the figure as typed, read as millions, for "nếu ý anh/chị là 350 triệu". */
function millionsOf(typed: string): string {
  const digits = typed.replace(/[^\d]/g, '');
  return String(Number(digits.replace(/0{3}$/, '')) || digits || '1');
}
