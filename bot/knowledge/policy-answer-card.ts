// Channel renderings of a policy answer (services/knowledge/policy-answerer.ts): an Adaptive Card 1.5 for
// Teams (quote, citation, "whole article" button) and plain text within a length limit for text channels.
// Pure functions: no I/O, no state.
import { knowledge as msg } from '../../services/platform/messages/knowledge.js';
import type { ArticleView, PolicyAnswer } from '../../services/knowledge/policy-answerer.js';
import { shownProvisions } from '../../services/knowledge/answer-composition.js';

/** Action.Execute verb of the "whole article" button; data: { provisionId }. */
export const KB_SHOW_ARTICLE_VERB = 'kb.showArticle';
/** What a text-channel user types to see the whole article of the last answer. */
export const KB_SHOW_ARTICLE_COMMAND = 'xem toàn văn';
/** Action.Submit verb of a suggested question (a refusal's nearest provisions); data: { question }. */
/** Where a conversation keeps the last answer's context, for follow-up questions. */
export const KB_CONTEXT_KEY = 'kbContext';
export const KB_ASK_VERB = 'kb.ask';
/** Zalo's limit for one text message. */
export const ZALO_TEXT_LIMIT = 2000;

type Json = Record<string, unknown>;

function textBlock(text: string, extra: Json = {}): Json {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/** Adaptive Card 1.5 for Teams. */
export function policyAnswerAdaptiveCard(a: PolicyAnswer): Json {
  const body: Json[] = [textBlock(msg.cardTitle, { weight: 'Bolder', size: 'Medium' })];
  if (a.kind === 'generated') {
    body.push(textBlock(a.answer.split('\n\n' + msg.generatedNote)[0]));
  }
  if (a.quote) {
    body.push(textBlock(msg.quoteLabel, { weight: 'Bolder', spacing: 'Medium' }), {
      type: 'Container',
      style: 'emphasis',
      items: a.quote.text.split('\n').map((line) => textBlock(line, { spacing: 'Small' })),
    });
    if (a.summary && a.kind !== 'generated') body.push(textBlock(`${msg.summaryLabel} ${a.summary}`, { isSubtle: true }));
  } else if (a.kind === 'curated') {
    body.push(textBlock(a.summary ?? a.answer));
  } else if (a.kind !== 'generated') {
    body.push(textBlock(a.answer.split('\n\n' + msg.relatedLabel)[0]));
  }
  if (a.citations.length && a.kind !== 'not_found') {
    // A provision quoted word for word and summarised by the team is one line, under its imported citation.
    const basis = shownProvisions(a.citations.filter((c) => !c.related));
    const related = a.citations.filter((c) => c.related);
    body.push({
      type: 'FactSet',
      spacing: 'Medium',
      facts: [
        ...basis.map((c, i) => ({ title: i ? '' : msg.citationLabel, value: c.citation })),
        ...related.map((c, i) => ({ title: i ? '' : msg.relatedCitationLabel, value: c.citation })),
      ],
    });
  }
  for (const note of a.notes) body.push(textBlock(note, { isSubtle: true, size: 'Small' }));
  if (a.nextStep) body.push(textBlock(a.nextStep, { spacing: 'Medium' }));
  const actions: Json[] = [];
  if (a.kind === 'not_found' && a.suggestions.length) {
    // The nearest provisions as buttons: a click asks that question.
    body.push(textBlock(msg.relatedLabel, { weight: 'Bolder', spacing: 'Medium' }));
    actions.push(
      ...a.suggestions.slice(0, 3).map((question) => ({ type: 'Action.Submit', title: question, data: { verb: KB_ASK_VERB, question } })),
    );
    body.push(...a.suggestions.slice(3).map((s) => textBlock(`• ${s}`, { spacing: 'Small' })));
  }
  if (a.fullArticleRef) {
    actions.push({
      type: 'Action.Execute',
      title: msg.showArticle,
      verb: KB_SHOW_ARTICLE_VERB,
      data: { provisionId: a.fullArticleRef.provisionId },
    });
  }
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
  };
}

/** The whole article as an Adaptive Card 1.5. */
export function articleAdaptiveCard(view: ArticleView): Json {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      textBlock(view.citation, { weight: 'Bolder', size: 'Medium' }),
      ...view.text.split('\n').map((line) => textBlock(line, { spacing: 'Small' })),
    ],
  };
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = `\n${msg.truncated}`;
  const room = Math.max(0, max - tail.length);
  const cut = text.slice(0, room);
  const at = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf(' '));
  return `${(at > room * 0.6 ? cut.slice(0, at) : cut).trimEnd()}${tail}`.slice(0, max);
}

/**
 * Plain text for text channels, at most `maxLength` characters. The citation lines and caveats are kept;
 * a long quote is shortened first.
 */
export function policyAnswerText(a: PolicyAnswer, maxLength: number = ZALO_TEXT_LIMIT): string {
  const footer: string[] = [];
  if (a.kind !== 'not_found' && a.citations.length) footer.push(`${msg.citationLabel}: ${a.citations[0].citation}`);
  if (a.fullArticleRef) footer.push(msg.textShowArticleHint(KB_SHOW_ARTICLE_COMMAND));
  const footerText = footer.length ? `\n\n${footer.join('\n')}` : '';
  const room = Math.max(50, maxLength - footerText.length);
  return `${clip(a.answer, room)}${footerText}`.slice(0, maxLength);
}

/** The whole article as plain text within the channel's limit. */
export function articleText(view: ArticleView, maxLength: number = ZALO_TEXT_LIMIT): string {
  return clip(`${view.citation}\n\n${view.text}`, maxLength);
}
