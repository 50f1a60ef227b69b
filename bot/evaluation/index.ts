// The evaluation of a completed (or stopped) proposal by the collective (Art. 11), its vote or meeting,
// and the recognition of the author: card verbs and typed commands.
import { OUTCOME_CHOICES, EVALUATION_VERBS } from './evaluation-card.js';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import { codeFirst, withCode } from '../core/typed-command-parsers.js';
import { actorOf, followUpCards, list, str } from '../implementation/follow-up-view.js';

export function registerEvaluationFeature(bot: BotApplication, container: Container): void {
  const { evaluation } = container;
  const cards = followUpCards(container);
  const c = bot.commands;
  c.register(
    EVALUATION_VERBS.open,
    cards.act((turn, id, d) =>
      evaluation.open(actorOf(turn), id, {
        outcome: str(d, 'outcome'),
        results: str(d, 'results'),
        objectiveCauses: str(d, 'objectiveCauses'),
        subjectiveCauses: str(d, 'subjectiveCauses'),
        damage: str(d, 'damage'),
      }),
    ),
    'proposal',
  );
  c.register(
    EVALUATION_VERBS.voteFor,
    cards.act((turn, id, d) => evaluation.castVote(actorOf(turn), id, 'for', str(d, 'comment'))),
    'proposal',
  );
  c.register(
    EVALUATION_VERBS.voteAgainst,
    cards.act((turn, id, d) => evaluation.castVote(actorOf(turn), id, 'against', str(d, 'comment'))),
    'proposal',
  );
  c.register(
    EVALUATION_VERBS.close,
    cards.act((turn, id) => evaluation.closeVote(actorOf(turn), id)),
    'proposal',
  );
  c.register(
    EVALUATION_VERBS.meeting,
    cards.act((turn, id, d) => {
      const inFavour = Number(d.inFavour);
      const against = Number(d.against);
      return evaluation.recordMeeting(actorOf(turn), id, {
        inFavour,
        against,
        headInFavour: d.headVote !== 'against',
        participants: str(d, 'participants'),
        minutes: str(d, 'minutes'),
      });
    }),
    'proposal',
  );
  c.register(
    EVALUATION_VERBS.partyRecord,
    cards.act((turn, id, d) => evaluation.recordPartyConsultation(actorOf(turn), id, str(d, 'comment'))),
    'proposal',
  );
  c.registerText({ keywords: ['Ý KIẾN CẤP ỦY VỀ KẾT QUẢ'], verb: EVALUATION_VERBS.partyRecord, parse: withCode('comment') });
  c.register(
    EVALUATION_VERBS.recognize,
    cards.act((turn, id, d) => evaluation.recordRecognition(actorOf(turn), id, list(str(d, 'recognitions')), str(d, 'note'))),
    'proposal',
  );

  c.registerText({
    keywords: ['ĐÁNH GIÁ'],
    verb: EVALUATION_VERBS.open,
    parse: (r) => {
      const x = codeFirst(r);
      if (!x) return undefined;
      const m = x.rest.match(/^([1234])\s+([\s\S]*)$/);
      if (!m) return { code: x.code, outcome: '', results: x.rest };
      const [results = '', objectiveCauses = '', subjectiveCauses = '', damage = ''] = m[2]!.split('|').map((s) => s.trim());
      const outcome = OUTCOME_CHOICES.find((o) => o.number === m[1])!.value;
      return { code: x.code, outcome, results, objectiveCauses, subjectiveCauses, damage };
    },
  });
  c.registerText({ keywords: ['TÁN THÀNH ĐÁNH GIÁ'], verb: EVALUATION_VERBS.voteFor, parse: withCode('comment') });
  c.registerText({ keywords: ['KHÔNG TÁN THÀNH ĐÁNH GIÁ'], verb: EVALUATION_VERBS.voteAgainst, parse: withCode('comment') });
  c.registerText({ keywords: ['KẾT THÚC ĐÁNH GIÁ'], verb: EVALUATION_VERBS.close, parse: withCode('comment') });
  c.registerText({
    keywords: ['KẾT QUẢ HỌP ĐÁNH GIÁ'],
    verb: EVALUATION_VERBS.meeting,
    parse: (r) => {
      const x = codeFirst(r);
      if (!x) return undefined;
      const m = x.rest.match(/^(\d+)\s+(\d+)\s+(\S+)\s+([\s\S]+)$/);
      if (!m) return { code: x.code, participants: '' };
      return {
        code: x.code,
        inFavour: Number(m[1]),
        against: Number(m[2]),
        headVote: /^(co|có|tan|tán|for|x)/i.test(m[3]!) ? 'for' : 'against',
        participants: m[4]!.trim(),
      };
    },
  });
  c.registerText({
    keywords: ['KHEN', 'GHI NHẬN KHEN THƯỞNG'],
    verb: EVALUATION_VERBS.recognize,
    parse: (r) => {
      const x = codeFirst(r);
      if (!x) return undefined;
      const [choices = '', note = ''] = x.rest.split('|').map((s) => s.trim());
      return { code: x.code, recognitions: choices, note };
    },
  });
}
