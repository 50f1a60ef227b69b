// The plan-import feature: a .docx, .pdf or .txt sent in any channel, or a long pasted plan, becomes a plan
// shown field by field (dialogs/plan-import-dialog.ts); nothing is stored until the officer confirms.
import type { TurnContext } from 'botbuilder';
import type { DialogInstance } from 'botbuilder-dialogs';
import { officerOfTurn } from '../core/dialog-host.js';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import { toActivities, type CoreTurn } from '../core/core-turn.js';
import type { CommandResult } from '../core/command-registry.js';
import { Officer } from '../../entities/officer.entity.js';
import { checkCoverage } from '../../dialogs/coverage-dialog.js';
import { PLAN_IMPORT_DIALOG, PlanImportDialog, type PlanImportOptions } from '../../dialogs/plan-import-dialog.js';
import { PLAN_IMPORT_VERBS } from '../../dialogs/plan-import-preview.js';
import { PLAN_WIZARD_DIALOG } from '../../dialogs/plan-wizard-dialog.js';
import { todayVN } from '../../services/calendar/local-date.js';
import { logger } from '../../services/platform/logger.js';
import { planImport as t } from '../../services/platform/messages/plan-import.js';
import type { BotReply } from '../../services/platform/reply.js';
import { PlanDocumentError, readPlanDocument } from '../../services/plan-import/plan-document-reader.js';
import { readsAsNarrativePlan } from '../../services/plan-import/plan-narrative.js';
import { mapPlanText, type ImportKey, type MappedPlan } from '../../services/plan-import/plan-text-mapper.js';
import { directoryIdentifiers } from '../../services/plan-import/plan-text-scrub.js';
import { ProposalDraftService } from '../../services/proposals/proposal-draft-service.js';
import { DownloadError, downloadDocument, incomingDocumentOf, type IncomingDocument } from './incoming-document.js';
import { completeWithModel } from './machine-reading.js';

/** A pasted message shorter than this is an answer, not a plan. */
const MIN_PASTED_PLAN = 300;

/** Where a plan in prose may start: nothing waiting, the wizard's first step, or a draft's review. */
function mayStartPlan(active: DialogInstance | undefined): boolean {
  if (!active) return true;
  if (active.id !== PLAN_WIZARD_DIALOG) return false;
  const state = (active.state ?? {}) as { mode?: string; stepId?: string };
  return state.mode !== 'confirmCancel' && (state.mode === 'review' || !state.stepId || state.stepId === 'title');
}

/** Plan fields besides the title and field that make a text a plan. */
function isPlan(mapped: MappedPlan): boolean {
  return Object.keys(mapped.fields).filter((k) => k !== 'title' && k !== 'field').length >= 3;
}

export function registerPlanImportFeature(bot: BotApplication, container: Container): void {
  const config = container.configuration.planImport;
  const drafts = new ProposalDraftService(container.dataSource);
  const send = async (context: TurnContext, reply: BotReply | string) => {
    await context.sendActivities(toActivities(context.activity.channelId, reply, context.activity.conversation?.conversationType));
  };
  bot.dialogs.add(
    new PlanImportDialog({
      drafts,
      stepContext: () => ({ config: container.workflow, today: todayVN() }),
      findOfficer: (context, id) =>
        officerOfTurn(context, id, (officerId) => container.dataSource.getRepository(Officer).findOneBy({ id: officerId })),
      send,
      mayCreate: async (context, officer) => {
        const coverage = checkCoverage(officer, container.workflow, container.config.DIRECTORY_CONTACT);
        if (coverage.notice) await send(context, coverage.notice);
        return coverage.allowed;
      },
    }),
  );

  /** The bot's token for a file on its own Bot Connector (only when credentials are configured). */
  const botToken = async (context: TurnContext): Promise<string | undefined> => {
    if (!container.config.authEnabled) return undefined;
    const client = context.turnState.get(context.adapter.ConnectorClientKey) as
      { credentials?: { getToken?: () => Promise<string> } } | undefined;
    return client?.credentials?.getToken ? client.credentials.getToken() : undefined;
  };

  const textOf = async (turn: CoreTurn, doc: IncomingDocument): Promise<string | undefined> => {
    if (doc.unsupported) return void (await turn.send(t.unsupported(doc.name)));
    try {
      const bytes = await downloadDocument(doc, {
        config,
        serviceUrl: turn.context.activity.serviceUrl,
        token: () => botToken(turn.context),
      });
      return await readPlanDocument(bytes, doc.name, doc.contentType);
    } catch (err) {
      const problem = err instanceof DownloadError || err instanceof PlanDocumentError ? err.problem : 'failed';
      logger.info({ action: 'plan.import', problem, trust: doc.trust }, 'document not read');
      const limitMb = (config.maxBytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
      const answers: Record<string, string> = {
        too_big: t.tooBig(limitMb),
        untrusted: t.untrusted,
        failed: t.downloadFailed,
        unsupported: t.unsupported(doc.name),
        unreadable: t.unreadable(doc.name),
        password: t.password(doc.name),
        scanned: t.scanned,
      };
      await turn.send(answers[problem] ?? t.downloadFailed);
      return undefined;
    }
  };

  bot.documents = {
    async handle(turn) {
      const activity = turn.context.activity;
      const doc = incomingDocumentOf(activity);
      const typed = typeof activity.text === 'string' ? activity.text : '';
      // The Zalo Bot Platform's notes document text messages only, no file message: a file, a photo or a
      // sticker there gets where to send a plan instead, and whatever waits (a step, a plan) keeps waiting.
      const zaloEvent = (activity.channelData as { zalo?: { eventName?: string } } | undefined)?.zalo?.eventName;
      if (activity.channelId === 'zalo_bot' && !doc && !typed.trim() && zaloEvent !== 'message.text.received') {
        await turn.send(t.zaloBotNoFiles);
        return true;
      }
      if (!doc && typed.length < MIN_PASTED_PLAN) return false;
      const dc = await bot.dialogs.createContext(turn.context);
      const active = dc.activeDialog;
      let source: string;
      let narrative = false;
      let mapped: MappedPlan;
      let text: string;
      if (doc) {
        const read = await textOf(turn, doc);
        if (read === undefined) return true;
        source = doc.name;
        text = read;
        mapped = mapPlanText(text);
      } else {
        // A long pasted plan; while one waits for confirmation, texts are its answers.
        if (active?.id === PLAN_IMPORT_DIALOG) return false;
        text = typed;
        mapped = mapPlanText(typed);
        source = t.fromText;
        // Without its headings, a plan in prose is read by the model only, and only where a plan may start.
        narrative = mapped.headings < 3 || !isPlan(mapped);
        if (narrative && !(container.extractor && mayStartPlan(active) && readsAsNarrativePlan(typed, MIN_PASTED_PLAN))) return false;
      }
      const state = active?.state as { proposalId?: string } | undefined;
      const onDraft = active && (active.id === PLAN_WIZARD_DIALOG || active.id === PLAN_IMPORT_DIALOG) ? state?.proposalId : undefined;
      // The model (when configured) reads what the headings did not give: a file the officer sent even
      // without headings (a narrative), a pasted text that reads as a plan by its headings or, in prose,
      // by its words where a plan may start (services/plan-import/plan-narrative.ts).
      let suggested: ImportKey[] = [];
      let note: string | undefined;
      let failed = false;
      if (container.extractor) {
        const draft = onDraft ? await drafts.get(turn.officer.id, onDraft) : null;
        const reading = await completeWithModel({
          extractor: container.extractor,
          text,
          fields: mapped.fields,
          ctx: { config: container.workflow, today: todayVN() },
          base: draft?.plan ?? {},
          known: () => directoryIdentifiers(container.dataSource),
        });
        mapped = { ...mapped, fields: reading.fields };
        ({ suggested, note } = reading);
        failed = !!reading.failed;
      }
      if (!isPlan(mapped)) {
        // A message in prose the model did not read as a plan goes on as any message; one it could not read is answered.
        if (narrative && !failed) return false;
        await turn.send(narrative ? t.narrativeUnread : t.notAPlan(source));
        return true;
      }
      logger.info(
        { action: 'plan.import', fields: Object.keys(mapped.fields).length, suggested: suggested.length, onDraft: !!onDraft },
        'plan read',
      );
      if (note) await turn.send(note);
      await dc.cancelAllDialogs();
      const options: PlanImportOptions = {
        officerId: turn.officer.id,
        source,
        fields: mapped.fields,
        ...(suggested.length ? { suggested } : {}),
        ...(onDraft ? { proposalId: onDraft } : {}),
      };
      await dc.beginDialog(PLAN_IMPORT_DIALOG, options);
      return true;
    },
  };

  // The preview's buttons say what the typed words say.
  const replay =
    (word: string, done: string) =>
    async (turn: CoreTurn): Promise<CommandResult> => {
      const dc = await bot.dialogs.createContext(turn.context);
      const invoke = turn.context.activity.type === 'invoke';
      if (dc.activeDialog?.id !== PLAN_IMPORT_DIALOG) return invoke ? { title: t.stale } : t.stale;
      turn.context.activity.text = word;
      turn.context.activity.value = undefined;
      await dc.continueDialog();
      return invoke ? { title: t.title, status: done } : undefined;
    };
  bot.commands.register(PLAN_IMPORT_VERBS.confirm, replay('đồng ý', t.confirmed), 'own');
  bot.commands.register(PLAN_IMPORT_VERBS.cancel, replay('hủy', t.discarded), 'own');
}
