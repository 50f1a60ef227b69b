// "Báo vướng mắc": a short dialog that works the same on every channel (typed answers): the text, the
// field, the legal text or provision concerned, and whether to send it to the head as well. Nothing is
// stored before the last answer; "hủy" stops at any step. An empty text is asked again, never stored.
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { obstacles as t } from '../services/platform/messages/obstacles.js';
import { OBSTACLE_TEXT_MAX, type NewObstacle } from '../services/obstacles/obstacle-service.js';
import { foldKey } from '../services/text/vietnamese.js';

export const OBSTACLE_REPORT_DIALOG = 'obstacleReport';

type Step = 'text' | 'field' | 'provision' | 'head';

interface ObstacleDialogState {
  step: Step;
  officerId: string;
  text?: string;
  field?: string | null;
  provision?: string | null;
  headName?: string | null;
}

export interface ObstacleDialogHost {
  send(context: TurnContext, text: string): Promise<void>;
  /** The configured fields (workflow `fields`). */
  fields(): { code: string; label: string }[];
  /** The name of the head the report may also go to, or null (none, or the officer is the head). */
  headName(officerId: string): Promise<string | null>;
  submit(context: TurnContext, officerId: string, report: NewObstacle): Promise<void>;
}

const CANCEL = new Set(['huy', 'huy bo', 'thoi', 'dung', 'thoat', 'khong bao nua']);
const SKIP = new Set(['bo qua', 'khong ro', 'chua ro', 'khong', 'skip']);
const YES = new Set(['co', 'co gui', 'dong y', 'yes', 'ok', 'gui', 'gui ca thu truong']);
const NO = new Set(['khong', 'ko', 'k', 'khong gui', 'no', 'thoi khong']);

export class ObstacleReportDialog extends Dialog<{ officerId: string; text?: string }> {
  constructor(private readonly host: ObstacleDialogHost) {
    super(OBSTACLE_REPORT_DIALOG);
  }

  async beginDialog(dc: DialogContext, options?: { officerId: string; text?: string }): Promise<DialogTurnResult> {
    if (!options) throw new Error('obstacle dialog needs the officer');
    const state: ObstacleDialogState = { step: 'text', officerId: options.officerId };
    dc.activeDialog!.state = state;
    // The text typed after the command ("báo vướng mắc: …") is the first answer.
    const given = options.text?.trim();
    if (given && given.length <= OBSTACLE_TEXT_MAX) {
      state.text = given;
      state.step = 'field';
      return this.ask(dc, t.askField(this.host.fields().map((f) => f.label)));
    }
    await this.host.send(dc.context, t.askText);
    return Dialog.EndOfTurn;
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as ObstacleDialogState;
    const raw = typeof dc.context.activity.text === 'string' ? dc.context.activity.text.trim() : '';
    const folded = foldKey(raw)
      .replace(/[.!?]+$/, '')
      .trim();
    if (CANCEL.has(folded)) {
      await this.host.send(dc.context, t.cancelled);
      return dc.endDialog();
    }
    switch (state.step) {
      case 'text':
        if (!raw) return this.ask(dc, t.textRequired);
        if (raw.length > OBSTACLE_TEXT_MAX) return this.ask(dc, t.textTooLong(OBSTACLE_TEXT_MAX));
        state.text = raw;
        state.step = 'field';
        return this.ask(dc, t.askField(this.host.fields().map((f) => f.label)));
      case 'field': {
        if (SKIP.has(folded)) state.field = null;
        else {
          const field = this.fieldOf(folded);
          if (!field) return this.ask(dc, t.fieldUnknown);
          state.field = field;
        }
        state.step = 'provision';
        return this.ask(dc, t.askProvision);
      }
      case 'provision': {
        state.provision = SKIP.has(folded) || !raw ? null : raw.slice(0, 300);
        state.headName = await this.host.headName(state.officerId);
        if (!state.headName) return this.finish(dc, state, false);
        state.step = 'head';
        return this.ask(dc, t.askHead(state.headName));
      }
      case 'head':
        if (YES.has(folded)) return this.finish(dc, state, true);
        if (NO.has(folded)) return this.finish(dc, state, false);
        return this.ask(dc, t.yesOrNo);
    }
  }

  /** The same step again (the router reprompts after an interruption). */
  async repromptDialog(context: TurnContext, instance: { state: unknown }): Promise<void> {
    const state = instance.state as ObstacleDialogState;
    const prompt: Record<Step, string> = {
      text: t.askText,
      field: t.askField(this.host.fields().map((f) => f.label)),
      provision: t.askProvision,
      head: t.askHead(state.headName ?? ''),
    };
    await this.host.send(context, prompt[state.step]);
  }

  private async ask(dc: DialogContext, text: string): Promise<DialogTurnResult> {
    await this.host.send(dc.context, text);
    return Dialog.EndOfTurn;
  }

  private fieldOf(folded: string): string | undefined {
    const fields = this.host.fields();
    const n = Number(folded);
    if (Number.isInteger(n) && n >= 1 && n <= fields.length) return fields[n - 1]!.code;
    return (
      fields.find((f) => foldKey(f.label) === folded || f.code === folded)?.code ??
      (folded.length >= 3 ? fields.find((f) => foldKey(f.label).includes(folded))?.code : undefined)
    );
  }

  private async finish(dc: DialogContext, state: ObstacleDialogState, toHead: boolean): Promise<DialogTurnResult> {
    await this.host.submit(dc.context, state.officerId, { text: state.text!, field: state.field, provision: state.provision, toHead });
    return dc.endDialog();
  }
}
