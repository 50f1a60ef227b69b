// Questions about Decree 73, Regulation 32 and the province's letter: any message that is not a command
// and not part of a running dialog. Teams and the web get a card with the quote and a "whole article"
// button; text channels get plain text within their limit and the typed command "xem toàn văn".
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import { rendersCards, type CoreTurn } from '../core/core-turn.js';
import type { NeutralCard } from '../../services/platform/reply.js';
import {
  articleAdaptiveCard,
  articleText,
  KB_ASK_VERB,
  KB_CONTEXT_KEY,
  KB_SHOW_ARTICLE_COMMAND,
  KB_SHOW_ARTICLE_VERB,
  policyAnswerAdaptiveCard,
  policyAnswerText,
  ZALO_TEXT_LIMIT,
} from './policy-answer-card.js';
import { core } from '../../services/platform/messages/index.js';
import { knowledge } from '../../services/platform/messages/knowledge.js';
import type { AnswerContext, ArticleView } from '../../services/knowledge/policy-answerer.js';

const SHOW_ARTICLE_TEXT_VERB = 'kb.showArticleText';

function articleCard(view: ArticleView): NeutralCard {
  return { title: view.citation, sections: [{ heading: view.document, text: view.text }], adaptiveCard: articleAdaptiveCard(view) };
}

export function registerKnowledgeFeature(bot: BotApplication, container: Container): void {
  const { answerer } = container;
  const ensureSample = container.knowledge.ready;

  const ask = async (turn: CoreTurn, text: string) => {
    await ensureSample();
    const previous = turn.conversation[KB_CONTEXT_KEY] as AnswerContext | undefined;
    const answer = await answerer.answer(text, previous ?? null);
    turn.conversation[KB_CONTEXT_KEY] = answer.context;
    if (rendersCards(turn.channelId)) {
      await turn.send({ card: { title: knowledge.cardTitle, adaptiveCard: policyAnswerAdaptiveCard(answer) } });
    } else {
      // The suggested questions (written in the text) as one-tap replies: Zalo OA query buttons, at most 3.
      const quickReplies = answer.kind === 'not_found' ? answer.suggestions.slice(0, 3) : [];
      await turn.send({ text: policyAnswerText(answer, ZALO_TEXT_LIMIT), ...(quickReplies.length ? { quickReplies } : {}) });
    }
  };
  bot.intents.register('question', ask);
  // A suggested question's button (a refusal offers the nearest provisions) asks it.
  bot.commands.register(
    KB_ASK_VERB,
    async (turn, data) => {
      const question = typeof data.question === 'string' ? data.question.slice(0, 500) : '';
      if (question.trim()) await ask(turn, question);
      return undefined;
    },
    'own',
  );

  bot.commands.register(
    KB_SHOW_ARTICLE_VERB,
    async (_turn, data) => {
      const provisionId = typeof data.provisionId === 'string' ? data.provisionId : '';
      const view = provisionId ? await answerer.showArticle(provisionId) : null;
      if (!view) return { title: core.staleCard, body: [knowledge.articleNotFound] };
      return articleCard(view);
    },
    'own',
  );

  bot.commands.register(
    SHOW_ARTICLE_TEXT_VERB,
    async (turn) => {
      const context = turn.conversation[KB_CONTEXT_KEY] as AnswerContext | undefined;
      const view = context?.articleId ? await answerer.showArticle(context.articleId) : null;
      if (!view) return knowledge.articleNotFound;
      return rendersCards(turn.channelId) ? articleCard(view) : articleText(view, ZALO_TEXT_LIMIT);
    },
    'own',
  );
  bot.commands.registerText({
    keywords: [KB_SHOW_ARTICLE_COMMAND],
    verb: SHOW_ARTICLE_TEXT_VERB,
    parse: (rest) => (rest.trim() ? undefined : {}),
  });
}
