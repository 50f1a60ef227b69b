// Composing an answer: the official words (when an imported provision answers) and the curated summary, the
// citations with "Căn cứ" limited to provisions that support the answer, the caveats and the next step; and
// the honest refusal that names the two nearest provisions.
import { knowledge as msg } from '../platform/messages/knowledge.js';
import type { CitationQuery } from './citation-parser.js';
import { formatProvision, type KnowledgeIndex, type RetrievalUnit } from './knowledge-index.js';
import type { StoredProvision } from './knowledge-store.js';
import type { PolicyAnswer, PolicyCitation, ScoredUnit } from './policy-answer-types.js';

/** Share of an entry's score at which an imported point inside the entry's section is quoted instead of the section. */
const INSIDE_RATIO = 0.9;

export function composeAnswer(index: KnowledgeIndex, question: string, ranked: ScoredUnit[], confident: boolean): PolicyAnswer {
  const best = ranked[0].unit;
  const notes: string[] = [];
  const citations: PolicyCitation[] = [];
  let quote: PolicyAnswer['quote'];
  let summary: string | undefined;
  let fullArticleRef: PolicyAnswer['fullArticleRef'];
  let official = best.source === 'official' ? best : undefined;
  if (!official && best.entry) {
    // The curated entry's provision may exist in an imported official text: quote it too.
    official = officialCounterpart(index, best, ranked);
    summary = best.entry.answer;
  }
  if (official?.provision && official.officialDocument) {
    quote = {
      text: formatProvision(official.provision, index.childrenOf, index.shapeOf(official.officialDocument)),
      citation: official.citation,
      document: official.document,
      heading: headingOf(index, official.provision),
    };
    const article = index.articleOf(official.provision.id);
    if (article) fullArticleRef = { provisionId: article.id, citation: article.citation };
    citations.push({
      document: official.document,
      citation: official.citation,
      score: ranked[0].score,
      source: 'official',
      provisionId: official.provision.id,
      documentKey: official.documentKey,
      paths: official.paths,
    });
  }
  if (best.entry) {
    citations.push({
      document: best.document,
      citation: best.citation,
      score: ranked[0].score,
      source: 'curated',
      confidence: best.entry.confidence,
      entryId: best.entry.id,
      documentKey: best.documentKey,
      paths: best.paths,
    });
    if (!quote) notes.push(msg.curatedNote(best.citation));
    if (best.entry.confidence === 'secondary') notes.push(msg.secondaryNote);
    if (best.entry.confidence === 'unknown') notes.push(msg.unknownNote);
  }
  for (const { unit, score, supports } of ranked.slice(1)) {
    // Three provisions at most, the imported words and the team's summary of one provision counting once.
    if (shownProvisions(citations).length >= MAX_PROVISIONS) break;
    if (supports === false || citations.some((c) => sameProvisionAs(c, unit))) continue;
    citations.push(citationOf(unit, score));
  }
  const lines: string[] = [];
  if (quote) {
    lines.push(msg.officialIntro(quote.heading ? `${quote.citation} (${quote.heading})` : quote.citation), `“${quote.text}”`);
    if (summary) lines.push('', `${msg.summaryLabel} ${summary}`);
  } else if (summary) {
    lines.push(summary);
  }
  if (notes.length) lines.push('', ...notes);
  const nextStep = best.entry?.next ? msg.nextStep[best.entry.next] : undefined;
  if (nextStep) lines.push('', nextStep);
  const ctxUnit = official ?? best;
  return {
    kind: quote ? 'official' : 'curated',
    answer: lines.join('\n'),
    confident,
    citations,
    quote,
    summary,
    notes,
    suggestions: [],
    ...(nextStep ? { nextStep } : {}),
    fullArticleRef,
    context: {
      question,
      documentKey: ctxUnit.documentKey,
      path: ctxUnit.paths[0],
      ...(fullArticleRef ? { articleId: fullArticleRef.provisionId } : {}),
    },
  };
}

function officialCounterpart(
  index: KnowledgeIndex,
  unit: RetrievalUnit,
  ranked: Array<{ unit: RetrievalUnit; score?: number }> = [],
): RetrievalUnit | undefined {
  // The best-ranked imported provision inside the entry's provision (the entry covers "mục 2", the
  // question is about its point c), else the provision itself.
  // A point that answers clearly less well than the entry leaves the whole section to be quoted ("Sở Nội vụ có
  // nhiệm vụ gì" is about all of mục 2, not its point a).
  const bar = INSIDE_RATIO * (ranked[0]?.score ?? 0);
  const inside = ranked.find(
    (r) =>
      r.unit.source === 'official' &&
      (r.score ?? 1) >= bar &&
      r.unit.documentKey === unit.documentKey &&
      r.unit.paths.some((p) => unit.paths.some((e) => p === e || p.startsWith(`${e}/`))),
  );
  if (inside) return inside.unit;
  for (const path of unit.paths) {
    for (const doc of index.documents) {
      if (doc.packId !== unit.documentKey) continue;
      const p = doc.byPath.get(path);
      if (p) {
        return {
          idx: -1,
          source: 'official',
          document: doc.label,
          documentKey: unit.documentKey,
          citation: p.citation,
          paths: [p.path],
          provision: p,
          officialDocument: doc,
        };
      }
    }
  }
  return undefined;
}

export function notFoundAnswer(
  question: string,
  related: Array<{ unit: RetrievalUnit; score: number }>,
  message: string = msg.notFound,
): PolicyAnswer {
  // The two nearest provisions, each once (its imported words and the team's summary are one), named in the text
  // and offered as questions that lead to them (an entry's first question, or the citation itself, which the
  // answerer looks up directly). The answer cites exactly these: the evaluation's top-3 counts what is shown.
  const nearest = shownProvisions(related.map(({ unit, score }) => ({ ...citationOf(unit, score), unit }))).slice(0, NEAREST_SHOWN);
  const suggestions = [...new Set([...nearest.map((n) => n.unit.entry?.questions[0] ?? n.citation), ...msg.defaultSuggestions])].slice(
    0,
    4,
  );
  const answer = [
    message,
    ...(nearest.length ? [msg.nearest(nearest.map((n) => n.citation))] : []),
    msg.notFoundHint,
    '',
    msg.relatedLabel,
    ...suggestions.map((s) => `• ${s}`),
  ].join('\n');
  return {
    kind: 'not_found',
    answer,
    confident: false,
    citations: nearest.map(({ unit: _unit, ...citation }) => citation),
    notes: [],
    suggestions,
    context: { question },
  };
}

/** Nearest provisions a refusal names and offers as buttons. */
export const NEAREST_SHOWN = 2;

/** Provisions an answer shows at most under "Căn cứ" and "Xem thêm" (the evaluation's top-3). */
export const MAX_PROVISIONS = 3;

type Cited = Pick<PolicyCitation, 'citation' | 'documentKey' | 'paths'>;

/** The same provision twice: the imported words and the team's summary of them (same document, a shared path). */
function sameProvisionAs(a: Cited, b: Cited): boolean {
  return a.citation === b.citation || (a.documentKey === b.documentKey && (a.paths ?? []).some((p) => (b.paths ?? []).includes(p)));
}

/** The provisions a list of citations names, each once and in order, shown by the first citation of each. */
export function shownProvisions<C extends Cited>(citations: C[]): C[] {
  return citations.filter((c, i) => !citations.slice(0, i).some((d) => sameProvisionAs(c, d)));
}

/** A retrieval unit as an answer cites it. */
export function citationOf(unit: RetrievalUnit, score: number): PolicyCitation {
  return {
    document: unit.document,
    citation: unit.citation,
    score,
    source: unit.source,
    ...(unit.provision ? { provisionId: unit.provision.id } : {}),
    ...(unit.entry ? { confidence: unit.entry.confidence, entryId: unit.entry.id } : {}),
    documentKey: unit.documentKey,
    paths: unit.paths,
  };
}

/** The line that says what a quoted clause or point is about: its article's title or its section's opening. */
function headingOf(index: KnowledgeIndex, p: StoredProvision): string | undefined {
  const parent = p.parentId ? index.provisions.get(p.parentId)?.provision : undefined;
  if (!parent || p.kind === 'dieu') return undefined;
  const article = index.articleOf(p.id);
  if (article?.kind === 'dieu' && article.id !== p.id) return article.title ? `Điều ${article.number}. ${article.title}` : undefined;
  const line = (parent.title ?? parent.text.split('\n')[0] ?? '').trim();
  if (!line) return undefined;
  return line.length > 90 ? `${line.slice(0, 90).replace(/\s+\S*$/, '')}…` : line;
}

export function citationText(ref: CitationQuery, index: KnowledgeIndex, docHint: string): string {
  const parts: string[] = [];
  if (ref.point) parts.push(`điểm ${ref.point}`);
  if (ref.clause && ref.article) parts.push(`khoản ${ref.clause}`);
  if (ref.article) parts.push(`Điều ${ref.article}`);
  else if (ref.section) parts.push(`mục ${ref.section}`);
  const doc = index.pack.documents.find((d) => d.id === docHint);
  return `${parts.join(' ')} ${doc?.label ?? ''}`.trim();
}
