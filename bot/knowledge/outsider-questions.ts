// People the channel authenticated (Teams, Zalo) whom the province's directory does not know yet: the
// answers about Decree 73, Regulation 32 and the province's letter are public, so they may ask and read
// them, and are told how to be added for the rest. Nothing else opens to them: every other message gets
// the welcome that says so, every other card action the refusal of an unknown user.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { OutsiderDesk } from '../app.js';
import { rendersCards, toActivity } from '../core/core-turn.js';
import { renderAdaptiveCard } from '../cards/render-adaptive-card.js';
import { RateLimiter } from '../web/web-security.js';
import type { NeutralCard } from '../../services/platform/reply.js';
import { understand } from '../../services/intents/understanding.js';
import { core } from '../../services/platform/messages/index.js';
import { knowledge } from '../../services/platform/messages/knowledge.js';
import { logger } from '../../services/platform/logger.js';
import type { AnswerContext, ArticleView, PolicyAnswerer } from '../../services/knowledge/policy-answerer.js';
import {
  articleAdaptiveCard,
  KB_ASK_VERB,
  KB_CONTEXT_KEY,
  KB_SHOW_ARTICLE_VERB,
  policyAnswerAdaptiveCard,
  policyAnswerText,
  ZALO_TEXT_LIMIT,
} from './policy-answer-card.js';

/** Questions per minute for one outsider (a burst of as many): the answerer is the costly part. */
const QUESTIONS_PER_MINUTE = 6;

export interface OutsiderDeskOptions {
  answerer: PolicyAnswerer;
  directoryContact: string;
  /** Runs before the first answer (the demo imports the province's letter). */
  ready: () => Promise<void>;
  /** What follows an answer on a channel, when not the default "how to be added" (Zalo: how to link). */
  footerFor?: (channelId: string) => string | undefined;
  /** What anything else gets on a channel, when not the default welcome (Zalo: its onboarding). */
  welcomeFor?: (channelId: string) => string | undefined;
  now?: () => number;
}

export function createOutsiderDesk(options: OutsiderDeskOptions): OutsiderDesk {
  const { answerer, directoryContact } = options;
  const limiter = new RateLimiter(QUESTIONS_PER_MINUTE, QUESTIONS_PER_MINUTE, options.now);

  const send = (context: TurnContext, text: string) => context.sendActivity(toActivity(context.activity.channelId, text));
  const welcome = (context: TurnContext) =>
    send(context, options.welcomeFor?.(context.activity.channelId) ?? core.outsiderWelcome(directoryContact));

  /** Answers; a text the knowledge base has nothing on ("Tôi là …", a phone number) gets the welcome instead. */
  const ask = async (context: TurnContext, conversation: Record<string, unknown>, question: string) => {
    const wait = limiter.take(`${context.activity.channelId}/${context.activity.from.id}`);
    if (wait > 0) {
      logger.info({ channel: context.activity.channelId }, 'outsider question rate limited');
      await send(context, core.outsiderRateLimited(wait));
      return;
    }
    await options.ready();
    const answer = await answerer.answer(question, (conversation[KB_CONTEXT_KEY] as AnswerContext | undefined) ?? null);
    if (answer.kind === 'not_found') {
      await welcome(context);
      return;
    }
    conversation[KB_CONTEXT_KEY] = answer.context;
    const channelId = context.activity.channelId;
    if (rendersCards(channelId)) {
      await context.sendActivity(
        toActivity(channelId, { card: { title: knowledge.cardTitle, adaptiveCard: policyAnswerAdaptiveCard(answer) } }),
      );
    } else {
      await send(context, policyAnswerText(answer, ZALO_TEXT_LIMIT));
    }
    await send(context, options.footerFor?.(channelId) ?? core.outsiderFooter(directoryContact));
  };

  return {
    async handle(context, conversation) {
      const activity = context.activity;
      if (activity.type === ActivityTypes.ConversationUpdate) {
        await welcome(context);
        return true;
      }
      if (activity.type === ActivityTypes.Message) {
        const value = activity.value as { verb?: unknown; question?: unknown } | undefined;
        // A suggested question's button on an answer card.
        if (value && value.verb === KB_ASK_VERB && typeof value.question === 'string' && value.question.trim()) {
          await ask(context, conversation, value.question.slice(0, 500));
          return true;
        }
        const text = typeof activity.text === 'string' ? activity.text.slice(0, 2000) : '';
        if (!value && text.trim() && understand(text, { kind: 'idle' }).kind === 'question') await ask(context, conversation, text);
        else await welcome(context);
        return true;
      }
      if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') {
        const action = (activity.value as { action?: { verb?: string; data?: { provisionId?: unknown } } } | undefined)?.action;
        if (action?.verb !== KB_SHOW_ARTICLE_VERB) return false;
        const provisionId = typeof action.data?.provisionId === 'string' ? action.data.provisionId : '';
        const view = provisionId ? await answerer.showArticle(provisionId) : null;
        const card: NeutralCard = view ? articleCard(view) : { title: core.staleCard, body: [knowledge.articleNotFound] };
        await context.sendActivity({
          type: 'invokeResponse',
          value: {
            status: 200,
            body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: renderAdaptiveCard(card) },
          },
        });
        return true;
      }
      return false;
    },
  };
}

function articleCard(view: ArticleView): NeutralCard {
  return { title: view.citation, sections: [{ heading: view.document, text: view.text }], adaptiveCard: articleAdaptiveCard(view) };
}
