// The plain data a policy answer is made of (channel-neutral; bot/knowledge/policy-answer-card.ts renders it),
// and the intermediate results the answerer's steps pass to one another.
import type { Hit, Query } from './bm25-index.js';
import type { Confidence } from './curated-pack.js';
import type { RetrievalUnit } from './knowledge-index.js';

export type CitationSource = 'official' | 'curated';

export interface PolicyCitation {
  /** Document name: "Nghị định 73/2023/NĐ-CP". */
  document: string;
  /** Full citation: "khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP". */
  citation: string;
  /** Relevance in [0, 1]; the best citation comes first. */
  score: number;
  source: CitationSource;
  provisionId?: string;
  /** For curated citations: how sure the team is of the summary. */
  confidence?: Confidence;
  /** For curated citations: the pack entry's id. */
  entryId?: string;
  /** Pack document id (nd73, cv-trien-khai, ...) or folded code of the imported document. */
  documentKey?: string;
  /** Document-relative paths of the provision ("dieu:8/khoan:1"). */
  paths?: string[];
  /** Shown beside the answer as a related provision (the question memory's), not as its basis. */
  related?: boolean;
}

export type PolicyAnswerKind = 'official' | 'curated' | 'generated' | 'collision' | 'not_found';

/** Plain JSON: the caller keeps it in conversation state and passes it back with the next question. */
export interface AnswerContext {
  /** Pack document id or folded code of the document last answered from. */
  documentKey?: string;
  /** Path of the provision last answered ("dieu:8/khoan:1"). */
  path?: string;
  /** Provision id of the whole article of the last answer: what "xem toàn văn" shows on text channels. */
  articleId?: string;
  question: string;
}

export interface PolicyAnswer {
  kind: PolicyAnswerKind;
  /** The whole answer as plain text (what `ask` prints). */
  answer: string;
  confident: boolean;
  citations: PolicyCitation[];
  /** Words of the official text, when an imported provision answers the question. */
  quote?: { text: string; citation: string; document: string; heading?: string };
  /** Curated summary, when the pack answers (alone or beside the quote). */
  summary?: string;
  /** Caveats shown under the answer (summary, secondary basis, unverified provision). */
  notes: string[];
  /** Related questions to offer when nothing was found: the two nearest provisions first. */
  suggestions: string[];
  /** One line on what the person can do next in the product, when there is one. */
  nextStep?: string;
  /** The whole article (or letter section) the quoted provision belongs to. */
  fullArticleRef?: { provisionId: string; citation: string };
  context: AnswerContext;
}

export interface ArticleView {
  provisionId: string;
  citation: string;
  document: string;
  text: string;
}

export interface RankedHit {
  h: Hit;
  cov: number;
  biCov: number;
  unit: RetrievalUnit;
}

/** A provision in an answer's order, with its score relative to the best one. */
export interface ScoredUnit {
  unit: RetrievalUnit;
  score: number;
  /** false: listed only among the nearest, never under "Căn cứ". */
  supports?: boolean;
}

export interface AnswerFeatures {
  /** IDF-weighted share of the question's topic words the best provision holds. */
  cov: number;
  /** Share of the question's topic word pairs the best provision holds. */
  biCov: number;
  score: number;
  /** IDF-weighted share of topic words the knowledge base does not know at all. */
  unknown: number;
  topicCount: number;
  bigramOk: boolean;
}

export interface AnalysedQuestion {
  folded: string;
  /** " tok tok … " of the question (typos corrected) and of the synonyms that count for scope, for phrase lookups. */
  phraseText: string;
  content: string[];
  synonyms: string[];
  corrected: Map<string, string>;
  query: Query;
  hasDiacritics: boolean;
  /** Bigrams of two adjacent topic words (no stopword, no reference word). */
  topicBigrams: string[];
}
