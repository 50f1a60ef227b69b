// Answers policy questions from the knowledge base: imported official texts (quoted word for word) and
// the curated pack (summaries in our own words), with citations, refusals below a confidence threshold,
// the Decree 73/2024 number collision, follow-ups that keep context, and optional generative answers.
//
// Channel-neutral: the result is plain data; bot/cards/policy-answer-card.ts renders it for Teams and for
// text channels.
import type { DataSource } from 'typeorm';
import { knowledge as msg } from '../platform/messages/knowledge.js';
import { logger } from '../platform/logger.js';
import { foldDiacritics, normalizeText } from '../text/vietnamese.js';
import type { Hit } from './bm25-index.js';
import { citationPath, parseCitation, type CitationQuery } from './citation-parser.js';
import { loadCuratedPack, type Confidence, type CuratedPack } from './curated-pack.js';
import { loadKnowledgeConfig, type KnowledgeConfig } from './knowledge-config.js';
import { formatProvision, KnowledgeIndex, type RetrievalUnit } from './knowledge-index.js';
import { getRevision, loadCurrentDocuments } from './knowledge-store.js';
import { LlmAnswerer, type LlmProvision } from './llm-answerer.js';
import { analyze, bigrams, STOPWORDS, synonymExpansion } from './vn-analyzer.js';

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

export interface PolicyAnswererOptions {
  config?: KnowledgeConfig;
  pack?: CuratedPack;
  /** Injected for tests; defaults to an LlmAnswerer when the config has an endpoint. */
  llm?: Pick<LlmAnswerer, 'compose'> | null;
  now?: () => number;
}

// Words that only say which provision or document is meant; they do not describe a topic.
const REFERENCE_WORDS = new Set(['dieu', 'khoan', 'diem', 'muc', 'nghi', 'dinh', 'quy', 'cong', 'van', 'chinh', 'phu', 'nd', 'cp']);

/** Coverage a pack provision needs to answer a question without any of the pack's topic words (dev set: the
 * out-of-scope questions reach at most 0.73, the in-scope ones without topic words mostly 0.83 and more). */
const OFF_VOCABULARY_COVERAGE = 0.8;
/** Share of an unknown entry's score at which a known provision covering the question as fully goes first. */
const UNKNOWN_MARGIN = 0.8;
/** Below this coverage a confident answer to a long story is compared with the answer to its question alone. */
const WEAK_STORY_COVERAGE = 0.6;
/** Share of the best score a further provision needs to be listed under "Căn cứ" (tuned on the dev set). */
const SUPPORT_RATIO = 0.8;
/** Share of the letter's score at which a decree provision goes before the letter (tuned on the dev set). */
const DECREE_OVER_LETTER = 0.6;
/** Share of an entry's score at which an imported point inside the entry's section is quoted instead of the section. */
const INSIDE_RATIO = 0.9;
/** Words that ask about the province's own instruction rather than the decree's rule (folded). */
const PROVINCE_WORDS = /\b(cong van|tinh yeu cau|ubnd tinh|uy ban nhan dan tinh|so noi vu|cua tinh|o tinh|tinh lao cai|trong tinh)\b/;

/** Words of the decree's rules (folded): principles, conditions, prohibited acts, protection, deadlines, voting. */
const DECREE_RULE_WORDS =
  /\b(nguyen tac|dieu kien|tieu chi|nghiem cam|bi cam|bao ve|thoi han|bao nhieu ngay|may ngay|bieu quyet|phieu|thong qua|diem nghen|nut that|cap thiet|doi tuong|ap dung|ky luat|thiet hai|khuyen khich)\b/;

const COLLISION = /\b73\s*\/\s*2024\b|luong co so|luong toi thieu|muc luong(?! tang)|2340000|2 34 trieu|2,34 trieu|he so luong|bang luong/;
const DECREE_73 = /\b(nghi dinh|nd)\s*(so\s*)?73\b|\bnd73\b|\b73\s*\/\s*20\d\d\b/;
/** A legal document named by its number ("Nghị định 33/2023", "NĐ 112", "Thông tư 6"), folded; not "quy định 07
 * ngày" nor Zalo's "tt" (thủ trưởng). */
const NAMED_DOCUMENT = /\b(?:nghi dinh|thong tu|nghi quyet|quyet dinh|ket luan|chi thi|luat|nd)\s*(?:so\s*)?(\d+)/g;
const FOLLOW_UP = /^(con|the con|vay con|con ve|thế còn|còn|vậy còn)\b|\bthi sao\b|\bthi the nao\b|^(the|vay) (thi|con)\b/;

interface RankedHit {
  h: Hit;
  cov: number;
  biCov: number;
  unit: RetrievalUnit;
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
  query: import('./bm25-index.js').Query;
  hasDiacritics: boolean;
  /** Bigrams of two adjacent topic words (no stopword, no reference word). */
  topicBigrams: string[];
}

export class PolicyAnswerer {
  private index!: KnowledgeIndex;
  private lastCheck = 0;
  private building: Promise<void> | null = null;
  private readonly config: KnowledgeConfig;
  private readonly pack: CuratedPack;
  private readonly llm: Pick<LlmAnswerer, 'compose'> | null;
  private readonly now: () => number;

  constructor(
    private readonly dataSource: DataSource,
    options: PolicyAnswererOptions = {},
  ) {
    this.config = options.config ?? loadKnowledgeConfig();
    this.pack = options.pack ?? loadCuratedPack();
    this.llm = options.llm !== undefined ? options.llm : this.config.llm ? new LlmAnswerer(this.config.llm) : null;
    this.now = options.now ?? Date.now;
  }

  /** Builds the index from the database now (after an import or removal in this process). */
  async refresh(): Promise<void> {
    const revision = await getRevision(this.dataSource);
    const docs = await loadCurrentDocuments(this.dataSource);
    this.index = new KnowledgeIndex(docs, this.pack, revision);
    this.lastCheck = this.now();
    logger.debug({ event: 'kb.index.built', revision, units: this.index.units.length }, 'knowledge index built');
  }

  /** Rebuilds when another process changed the knowledge base; checks at most every KB_REFRESH_SECONDS. */
  async ensureFresh(): Promise<KnowledgeIndex> {
    if (!this.index) {
      this.building ??= this.refresh().finally(() => (this.building = null));
      await this.building;
      return this.index;
    }
    if (this.now() - this.lastCheck >= this.config.refreshSeconds * 1000 && !this.building) {
      this.lastCheck = this.now();
      const revision = await getRevision(this.dataSource);
      if (revision !== this.index.revision) {
        this.building = this.refresh().finally(() => (this.building = null));
        await this.building;
      }
    }
    return this.index;
  }

  async answer(question: string, context?: AnswerContext | null): Promise<PolicyAnswer> {
    const index = await this.ensureFresh();
    const result = this.answerWith(index, question, context ?? undefined);
    if (this.llm && result.confident && (result.kind === 'official' || result.kind === 'curated')) {
      const provisions = this.llmProvisions(index, result);
      if (provisions.length && !result.citations.every((c) => c.confidence === 'unknown')) {
        const generated = await this.llm.compose(question.trim(), provisions);
        if (generated) {
          return {
            ...result,
            kind: 'generated',
            answer: [generated, '', msg.generatedNote, ...result.notes.filter((n) => n !== msg.curatedNote(result.citations[0].citation))]
              .join('\n')
              .trim(),
          };
        }
      }
    }
    return result;
  }

  /** The whole article (or letter section) containing a provision, word for word. */
  async showArticle(provisionId: string): Promise<ArticleView | null> {
    const index = await this.ensureFresh();
    const found = index.provisions.get(provisionId);
    if (!found) return null;
    const article = index.articleOf(provisionId) ?? found.provision;
    return {
      provisionId: article.id,
      citation: article.citation,
      document: found.document.label,
      text: formatProvision(article, index.childrenOf, index.shapeOf(found.document)),
    };
  }

  private llmProvisions(index: KnowledgeIndex, result: PolicyAnswer): LlmProvision[] {
    const out: LlmProvision[] = [];
    for (const c of result.citations.slice(0, 4)) {
      const unit = index.units.find((u) => u.citation === c.citation && u.source === c.source);
      if (!unit) continue;
      const text =
        unit.source === 'official'
          ? formatProvision(unit.provision!, index.childrenOf, index.shapeOf(unit.officialDocument!))
          : unit.entry!.answer;
      out.push({ citation: unit.citation, document: unit.document, paths: unit.paths, text });
    }
    return out;
  }

  /** Synchronous core, also used by the evaluation. */
  answerWith(index: KnowledgeIndex, rawQuestion: string, context?: AnswerContext): PolicyAnswer {
    const question = normalizeText(rawQuestion ?? '').slice(0, 1000);
    const folded = foldDiacritics(question);
    if (!question || !/[\p{L}\p{N}]/u.test(question)) return this.notFound(index, question, [], msg.emptyQuestion);

    // 1. Number collision: Decree 73/2024 (base salary) is another decree.
    if (
      /\b73\s*\/\s*2024\b/.test(folded) ||
      (COLLISION.test(folded) && !/nang bac luong|nang luong|truoc thoi han|truoc han/.test(folded))
    ) {
      // "Nghị định 24/2023 … lương cơ sở" names its own decree: not a mix-up with Decree 73 (refused below).
      const namesOther = !DECREE_73.test(folded) && namesOtherDocument(index, folded);
      if (!namesOther && (DECREE_73.test(folded) || /\b73\s*\/\s*2024\b/.test(folded) || /luong co so/.test(folded))) {
        return {
          kind: 'collision',
          answer: msg.collision,
          confident: false,
          citations: [],
          notes: [],
          suggestions: [],
          context: { question },
        };
      }
    }

    const isFollowUp = Boolean(context) && (FOLLOW_UP.test(folded) || question.split(' ').length <= 4);
    const ref = parseCitation(question);
    if (isFollowUp && context?.path && !ref.article && !ref.section && (ref.clause || ref.point)) {
      const base = context.path.split('/');
      const top = base[0];
      if (top.startsWith('dieu:')) {
        ref.article = top.slice(5);
        if (!ref.clause && ref.point) {
          const clause = base.find((p) => p.startsWith('khoan:'));
          if (clause) ref.clause = clause.slice(6);
        }
      } else if (top.startsWith('muc:')) {
        ref.section = top.slice(4);
      }
      ref.document ??= context.documentKey;
    }
    const analysed = this.analyse(index, question);

    // 2. An explicit reference ("khoản 1 Điều 8") is looked up directly.
    const path = citationPath(ref);
    if (path) {
      const byRef = this.answerByReference(index, question, ref, path, analysed);
      if (byRef) return byRef;
    }

    // 3. Free-text retrieval.
    let result = this.answerBySearch(index, question, analysed);
    if (!result.confident && isFollowUp && context?.question) {
      const merged = this.analyse(index, `${context.question} ${question}`);
      const retry = this.answerBySearch(index, question, merged);
      if (retry.confident) result = retry;
    }
    // A long story ending in a question: the story's details dilute the coverage, so the question itself
    // (the last sentence, else the last two clauses) is tried on its own.
    // A story answered only weakly (its details matched a neighbouring provision) is also tried from its
    // question, which wins when it is answered with a clearly better coverage.
    // A shorter message keeps its confident answer (dev probe 4).
    const story = question.split(' ').length > 18;
    const weak = (a: PolicyAnswer) => !a.confident || (story && (a.citations[0]?.score ?? 0) < WEAK_STORY_COVERAGE);
    if (weak(result) && question.split(' ').length > 12) {
      const tails = storyTails(question);
      for (const [i, tail] of tails.entries()) {
        // A confident but weak answer is compared only with the end of a story of several sentences: in a
        // single sentence the first clause says who asks ("Giám đốc sở …, kế hoạch gửi ai?").
        if (!tail || (result.confident && !tails[0])) continue;
        const t = this.analyse(index, tail);
        // A long story (its last sentence or two clauses) sets the topic; otherwise the question itself must
        // name it: "…, tôi có bị kỷ luật không?" after a short unrelated remark is not about Art. 11 (dev probe 4).
        if (!(story && i < 2) && !index.inScopeStrongly(t.phraseText)) continue;
        // The story still says what the topic is.
        const retry = this.answerBySearch(index, question, { ...t, phraseText: `${t.phraseText}${analysed.phraseText}` });
        if (retry.confident && (!result.confident || retry.citations[0].score > result.citations[0].score + 0.1)) return retry;
      }
    }
    return result;
  }

  analyse(index: KnowledgeIndex, question: string): AnalysedQuestion {
    const a = analyze(question);
    const folded = foldDiacritics(question);
    const scopeSyn = analyze(synonymExpansion(a.folded.join(' '), true)).folded;
    // Synonyms of generic words help only a question already on the pack's topic: "phụ cấp … áp dụng đối
    // với ai" must not gain coverage from "đối tượng áp dụng".
    const onTopic = index.inScope(` ${a.folded.join(' ')} ${scopeSyn.join(' ')} `);
    const syn = analyze(synonymExpansion(a.folded.join(' '), !onTopic));
    const corrected = new Map<string, string>();
    const tokens = a.folded.map((t) => {
      if (STOPWORDS.has(t) || index.bm25.has(t)) return t;
      const c = index.bm25.correct(t);
      if (c && t.length >= 4) corrected.set(t, c);
      else if (c) return t;
      return c ?? t;
    });
    const content = [...new Set(tokens.filter((t) => !STOPWORDS.has(t)))];
    const synonyms = [...new Set(syn.folded.filter((t) => !STOPWORDS.has(t) && !content.includes(t)))];
    const bi = [...new Set([...bigrams(tokens, STOPWORDS), ...bigrams(syn.folded)])];
    const hasDiacritics = folded !== question;
    const w = (t: string) => (corrected.has(t) || [...corrected.values()].includes(t) ? 0.8 : 1);
    const query = {
      uni: [...content.map((term) => ({ term, weight: w(term) })), ...synonyms.map((term) => ({ term, weight: 0.5 }))],
      bi: bi.map((term) => ({ term, weight: 1 })),
      acc: hasDiacritics ? [...new Set(a.accented.filter((t, i) => !STOPWORDS.has(a.folded[i])))].map((term) => ({ term, weight: 1 })) : [],
      head: [...content.map((term) => ({ term, weight: w(term) })), ...bi.map((term) => ({ term, weight: 1 }))],
    };
    const isTopic = (t: string) => !STOPWORDS.has(t) && !REFERENCE_WORDS.has(t) && !/^\d+$/.test(t);
    const topicBigrams: string[] = [];
    for (let i = 0; i + 1 < tokens.length; i++)
      if (isTopic(tokens[i]) && isTopic(tokens[i + 1])) topicBigrams.push(`${tokens[i]}_${tokens[i + 1]}`);
    const phraseText = ` ${tokens.join(' ')} ${a.folded.join(' ')} ${scopeSyn.join(' ')} `;
    return { folded, phraseText, content, synonyms, corrected, query, hasDiacritics, topicBigrams };
  }

  /** IDF-weighted share of the question's topic words found in a hit. */
  private coverage(index: KnowledgeIndex, analysed: AnalysedQuestion, hit: Hit): number {
    const topic = analysed.content.filter((t) => !REFERENCE_WORDS.has(t) && !/^\d+$/.test(t));
    const terms = topic.length ? topic : analysed.content;
    let total = 0;
    let found = 0;
    const correctedTargets = new Set(analysed.corrected.values());
    for (const t of terms) {
      const idf = index.bm25.idf(t);
      total += idf;
      // A syllable we had to guess from a typo counts for less.
      if (hit.matched.has(t)) found += correctedTargets.has(t) ? 0.6 * idf : idf;
    }
    // Synonyms found (e.g. "thời hạn" implied by "bao lâu") add a little.
    for (const t of analysed.synonyms) if (hit.matched.has(t)) found += 0.3 * index.bm25.idf(t);
    return total > 0 ? Math.min(1, found / total) : 0;
  }

  /** BM25 hits re-ranked by how much of the question each covers (IDF-weighted words, then word pairs). */
  private rank(index: KnowledgeIndex, analysed: AnalysedQuestion): RankedHit[] {
    const raw = index.bm25.search(analysed.query, 12);
    const tb = analysed.topicBigrams;
    const ranked = raw.map((h) => {
      const cov = this.coverage(index, analysed, h);
      const biCov = tb.length ? tb.filter((b) => h.matchedBigrams.has(b)).length / tb.length : cov;
      // A provision holding every topic word beats one that matches a few words many times.
      return { h: { ...h, score: h.score * (0.4 + 0.3 * cov + 0.3 * biCov) }, cov, biCov, unit: index.units[h.doc] };
    });
    ranked.sort((a, b) => b.h.score - a.h.score);
    return ranked;
  }

  /** What the refusal decision looks at; also printed by the evaluation's diagnostics. */
  features(index: KnowledgeIndex, analysed: AnalysedQuestion, ranked = this.rank(index, analysed)): AnswerFeatures | null {
    if (!ranked.length) return null;
    const topic = analysed.content.filter((t) => !REFERENCE_WORDS.has(t) && !/^\d+$/.test(t));
    let total = 0;
    let unknown = 0;
    for (const t of topic) {
      const idf = index.bm25.idf(t);
      total += idf;
      if (!index.bm25.has(t)) unknown += idf;
    }
    const top = ranked[0];
    return {
      cov: top.cov,
      biCov: top.biCov,
      score: top.h.score,
      unknown: total ? unknown / total : 0,
      topicCount: topic.length,
      bigramOk: analysed.topicBigrams.length === 0 || analysed.topicBigrams.some((b) => top.h.matchedBigrams.has(b)) || top.cov >= 0.8,
    };
  }

  private answerBySearch(index: KnowledgeIndex, question: string, analysed: AnalysedQuestion): PolicyAnswer {
    const ranked = this.rank(index, analysed);
    const f = this.features(index, analysed, ranked);
    if (!f) return this.notFound(index, question, []);
    const hits = knownBeforeUnknown(this.decreeBeforeLetter(index, analysed, ranked)).slice(0, 8);
    const top = hits[0];
    // Two topic words side by side in the question should also sit side by side somewhere in the answer,
    // unless nearly every word matched: this is what refuses "giá vàng hôm nay" although "giá" is known.
    // A question that uses none of the pack's topic words ("phụ cấp chức vụ", "bảo hiểm y tế") is answered
    // from the pack's documents only when the provision holds nearly all of its words.
    const topical = index.inScope(analysed.phraseText) || !index.isPackUnit(top.unit) || f.cov >= OFF_VOCABULARY_COVERAGE;
    const confident =
      f.cov >= this.config.minCoverage &&
      f.bigramOk &&
      f.score >= 3 &&
      f.topicCount > 0 &&
      topical &&
      !namesOtherDocument(index, analysed.folded);
    const scored = hits.map((h) => ({
      unit: h.unit,
      score: round((h.h.score / top.h.score) * f.cov),
      // "Căn cứ" lists a further provision only when its own words answer the question nearly as well.
      supports: h.cov >= this.config.minCoverage && h.h.score >= SUPPORT_RATIO * top.h.score && h.unit.entry?.confidence !== 'unknown',
    }));
    if (!confident) return this.notFound(index, question, scored);
    return this.compose(index, question, scored, true);
  }

  /**
   * The province's letter repeats the decree's words (principles, conditions, routing): when a question is
   * about the decree's rules and does not ask about the province, a decree provision that answers nearly as
   * well goes first; the letter stays beside it as the province's instruction.
   */
  private decreeBeforeLetter(index: KnowledgeIndex, analysed: AnalysedQuestion, ranked: RankedHit[]): RankedHit[] {
    const kindOf = (u: RetrievalUnit) => index.pack.documents.find((d) => d.id === u.documentKey)?.kind;
    if (!ranked.length || kindOf(ranked[0].unit) !== 'cong_van' || PROVINCE_WORDS.test(analysed.folded)) return ranked;
    // On the decree's own rules (principles, conditions, prohibited acts, protection, deadlines, voting) a
    // decree provision that answers at all goes first; otherwise only one holding the question's words as
    // fully as the letter does, so the letter's own tasks (focal point, annual report, duties after
    // approval) stay with the letter.
    const minCov = DECREE_RULE_WORDS.test(analysed.folded)
      ? this.config.minCoverage
      : Math.max(this.config.minCoverage, ranked[0].cov - 0.05);
    const decree = ranked.find(
      (r) => kindOf(r.unit) === 'nghi_dinh' && r.cov >= minCov && r.h.score >= DECREE_OVER_LETTER * ranked[0].h.score,
    );
    if (!decree) return ranked;
    const letter = ranked[0];
    // The letter is the province's instruction on the same rule: it supports the answer beside the decree.
    return [decree, { ...letter, h: { ...letter.h, score: decree.h.score } }, ...ranked.filter((r) => r !== decree && r !== letter)];
  }

  private answerByReference(
    index: KnowledgeIndex,
    question: string,
    ref: CitationQuery,
    path: string,
    analysed: AnalysedQuestion,
  ): PolicyAnswer | null {
    const topicTerms = analysed.content.filter((t) => !REFERENCE_WORDS.has(t) && !/^\d+$/.test(t) && !/^[a-zđ]$/.test(t));
    const hits = topicTerms.length ? index.bm25.search(analysed.query, 200) : [];
    const rank = new Map(hits.map((h, i) => [h.doc, { i, score: h.score }]));
    const under = (p: string) => p === path || p.startsWith(`${path}/`);
    const pathKind = path.startsWith('muc') ? 'muc' : 'dieu';

    // Official text first: the document named, else Decree 73 (articles) or the province's letter (sections);
    // then the curated pack; other imported documents only when neither knows the provision.
    const defaultDoc = pathKind === 'muc' ? 'cv-trien-khai' : 'nd73';
    const docHint = ref.document ?? defaultDoc;
    const fromOfficial = (docs: ReturnType<KnowledgeIndex['candidateDocuments']>): PolicyAnswer | null => {
      for (const doc of docs) {
        const exact = doc.byPath.get(path);
        const units = index.units.filter((u) => u.source === 'official' && u.officialDocument?.id === doc.id && u.paths.some(under));
        let chosen: RetrievalUnit | undefined;
        if (units.length > 1 && topicTerms.length) {
          chosen = [...units].sort((a, b) => (rank.get(a.idx)?.i ?? 1e9) - (rank.get(b.idx)?.i ?? 1e9))[0];
          if (!rank.has(chosen.idx)) chosen = undefined;
        }
        if (!chosen && exact) {
          // Quote exactly what was asked for, even if it is not a retrieval unit (a point, a whole article).
          chosen = {
            idx: -1,
            source: 'official',
            document: doc.label,
            documentKey: doc.packId ?? doc.codeKey,
            citation: exact.citation,
            paths: [exact.path],
            provision: exact,
            officialDocument: doc,
          };
        }
        if (!chosen && units.length) chosen = units[0];
        if (chosen) return this.compose(index, question, [{ unit: chosen, score: 1 }], true);
      }
      return null;
    };
    const official = fromOfficial(index.candidateDocuments(docHint, pathKind));
    if (official) return official;

    // Then the curated pack: the entry for that provision, an enclosing one, or ones inside it.
    const entries = index.units.filter((u) => u.source === 'curated' && u.documentKey === docHint);
    const exact = entries.filter((u) => u.paths.includes(path));
    const enclosing = entries.filter((u) => u.paths.some((p) => path.startsWith(`${p}/`)));
    const inside = entries.filter((u) => u.paths.some((p) => p.startsWith(`${path}/`)));
    const byRank = (list: RetrievalUnit[]) => [...list].sort((a, b) => (rank.get(a.idx)?.i ?? 1e9) - (rank.get(b.idx)?.i ?? 1e9));
    const candidates = [...byRank(exact), ...byRank(enclosing), ...byRank(inside)];
    if (candidates.length) {
      const first = topicTerms.length && rank.size ? byRank(candidates)[0] : candidates[0];
      const rest = candidates.filter((c) => c !== first).slice(0, 2);
      return this.compose(index, question, [{ unit: first, score: 1 }, ...rest.map((unit) => ({ unit, score: 0.5 }))], true);
    }
    if (!ref.document) {
      const other = fromOfficial(index.candidateDocuments(undefined, pathKind).filter((d) => d.packId !== docHint));
      if (other) return other;
    }
    if (!ref.article && !ref.section) return null;
    const reference = citationText(ref, index, docHint);
    const related = hits.slice(0, 3).map((h) => ({ unit: index.units[h.doc], score: 0 }));
    return {
      ...this.notFound(index, question, related, msg.provisionMissing(reference)),
      context: { question, path, documentKey: docHint },
    };
  }

  private compose(
    index: KnowledgeIndex,
    question: string,
    ranked: Array<{ unit: RetrievalUnit; score: number; supports?: boolean }>,
    confident: boolean,
  ): PolicyAnswer {
    const best = ranked[0].unit;
    const notes: string[] = [];
    const citations: PolicyCitation[] = [];
    let quote: PolicyAnswer['quote'];
    let summary: string | undefined;
    let fullArticleRef: PolicyAnswer['fullArticleRef'];
    let official = best.source === 'official' ? best : undefined;
    if (!official && best.entry) {
      // The curated entry's provision may exist in an imported official text: quote it too.
      official = this.officialCounterpart(index, best, ranked);
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
      if (citations.length >= 3) break;
      // The same provision twice (the imported words and the team's summary of them) is one basis.
      const same = (c: PolicyCitation) =>
        c.citation === unit.citation || (c.documentKey === unit.documentKey && (c.paths ?? []).some((p) => unit.paths.includes(p)));
      if (supports === false || citations.some(same)) continue;
      citations.push({
        document: unit.document,
        citation: unit.citation,
        score,
        source: unit.source,
        ...(unit.provision ? { provisionId: unit.provision.id } : {}),
        ...(unit.entry ? { confidence: unit.entry.confidence, entryId: unit.entry.id } : {}),
        documentKey: unit.documentKey,
        paths: unit.paths,
      });
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

  private officialCounterpart(
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

  private notFound(
    index: KnowledgeIndex,
    question: string,
    related: Array<{ unit: RetrievalUnit; score: number }>,
    message: string = msg.notFound,
  ): PolicyAnswer {
    // The two nearest provisions, each offered as a question that leads to it (an entry's first question,
    // or the citation itself, which the answerer looks up directly).
    const nearest: Array<{ unit: RetrievalUnit; score: number }> = [];
    for (const r of related) {
      if (nearest.length >= 2) break;
      if (!nearest.some((n) => n.unit.citation === r.unit.citation)) nearest.push(r);
    }
    const suggestions = [
      ...new Set([...nearest.map((r) => r.unit.entry?.questions[0] ?? r.unit.citation), ...msg.defaultSuggestions]),
    ].slice(0, 4);
    void index;
    const answer = [
      message,
      ...(nearest.length ? [msg.nearest(nearest.map((n) => n.unit.citation))] : []),
      msg.notFoundHint,
      '',
      msg.relatedLabel,
      ...suggestions.map((s) => `• ${s}`),
    ].join('\n');
    return {
      kind: 'not_found',
      answer,
      confident: false,
      citations: related
        .filter((r, i) => related.findIndex((x) => x.unit.citation === r.unit.citation) === i)
        .slice(0, 3)
        .map(({ unit, score }) => ({
          document: unit.document,
          citation: unit.citation,
          score,
          source: unit.source,
          ...(unit.provision ? { provisionId: unit.provision.id } : {}),
          ...(unit.entry ? { entryId: unit.entry.id } : {}),
          documentKey: unit.documentKey,
          paths: unit.paths,
        })),
      notes: [],
      suggestions,
      context: { question },
    };
  }
}

/** The line that says what a quoted clause or point is about: its article's title or its section's opening. */
function headingOf(index: KnowledgeIndex, p: import('./knowledge-store.js').StoredProvision): string | undefined {
  const parent = p.parentId ? index.provisions.get(p.parentId)?.provision : undefined;
  if (!parent || p.kind === 'dieu') return undefined;
  const article = index.articleOf(p.id);
  if (article?.kind === 'dieu' && article.id !== p.id) return article.title ? `Điều ${article.number}. ${article.title}` : undefined;
  const line = (parent.title ?? parent.text.split('\n')[0] ?? '').trim();
  if (!line) return undefined;
  return line.length > 90 ? `${line.slice(0, 90).replace(/\s+\S*$/, '')}…` : line;
}

/**
 * Whether the question names a legal document by a number the knowledge base does not hold (and not Decree
 * 73): "Nghị định 33/2023 … cán bộ xã" shares words with the letter but asks about another text.
 */
function namesOtherDocument(index: KnowledgeIndex, folded: string): boolean {
  const named = [...folded.matchAll(NAMED_DOCUMENT)].map((m) => String(Number(m[1])));
  if (!named.length) return false;
  const known = new Set<string>();
  for (const code of [...index.pack.documents.map((d) => d.code), ...index.documents.map((d) => d.codeKey)]) {
    const n = /\d+/.exec(code);
    if (n) known.add(String(Number(n[0])));
  }
  return named.some((n) => !known.has(n));
}

/**
 * An entry whose provision is unknown ("the text must be checked") goes first only when it clearly answers
 * better than a known provision next to it: on a near tie the known rule is the more useful answer.
 */
function knownBeforeUnknown(ranked: RankedHit[]): RankedHit[] {
  const first = ranked[0];
  if (first?.unit.entry?.confidence !== 'unknown') return ranked;
  const known = ranked.find(
    (r) => r.unit.entry?.confidence !== 'unknown' && r.cov >= first.cov - 0.15 && r.h.score >= UNKNOWN_MARGIN * first.h.score,
  );
  if (!known) return ranked;
  return [{ ...known, h: { ...known.h, score: first.h.score } }, ...ranked.filter((r) => r !== known)];
}

/** The question at the end of a long message: its last sentence, then its last two clauses, then its last clause. */
function storyTails(question: string): string[] {
  const sentences = question.split(/(?<=[.!?])\s+/).filter((x) => x.trim());
  const last = sentences[sentences.length - 1] ?? question;
  const clauses = last.split(/,\s*/);
  // The last clause alone too: "Em muốn đề xuất X, em phải chuẩn bị kế hoạch gồm những phần gì?".
  const tails = [last, clauses.slice(-2).join(', '), clauses[clauses.length - 1]];
  // Kept in this order (the caller treats the first two as the story's question): an unusable one is empty.
  return tails.map((t, i) => (t !== question && t.split(' ').length >= 4 && tails.indexOf(t) === i ? t : ''));
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function citationText(ref: CitationQuery, index: KnowledgeIndex, docHint: string): string {
  const parts: string[] = [];
  if (ref.point) parts.push(`điểm ${ref.point}`);
  if (ref.clause && ref.article) parts.push(`khoản ${ref.clause}`);
  if (ref.article) parts.push(`Điều ${ref.article}`);
  else if (ref.section) parts.push(`mục ${ref.section}`);
  const doc = index.pack.documents.find((d) => d.id === docHint);
  return `${parts.join(' ')} ${doc?.label ?? ''}`.trim();
}

/** The factory the chat integration uses. */
export function createPolicyAnswerer(dataSource: DataSource, options: PolicyAnswererOptions = {}): PolicyAnswerer {
  return new PolicyAnswerer(dataSource, options);
}
