// The plan wizard's contract with the feature that runs it: the options it starts with, what it needs from
// the host (services, rendering, submission), and the little it keeps in the dialog state.
import type { TurnContext } from 'botbuilder';
import type { Officer } from '../entities/officer.entity.js';
import type { Proposal } from '../entities/proposal.entity.js';
import type { BotReply } from '../services/platform/reply.js';
import type { ProposalDraftService } from '../services/proposals/proposal-draft-service.js';
import type { SectionId, StepContext, WizardStep } from './wizard-step.js';

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

export interface WizardState {
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
