// "GIAO THỰC HIỆN ĐX-2026-0001" typed (or its Zalo button) without email addresses: the head picks the
// implementers from the unit's people by number ("1, 3") or by name, with or without accents, then keeps
// the plan's resources or types others. Two questions asked with askNext; the assignment itself is the
// card verb, with its own checks.
import type { Officer } from '../../entities/officer.entity.js';
import { foldedWords } from '../../services/intents/question-signals.js';
import { understand } from '../../services/intents/understanding.js';
import { replies as r } from '../../services/platform/messages/index.js';
import { foldKey } from '../../services/text/vietnamese.js';
import type { BotApplication } from '../app.js';
import type { Container } from '../container.js';
import type { CoreTurn } from '../core/core-turn.js';
import { deliverCommandResult } from '../core/message-router.js';
import { askNext } from '../core/pending-reply.js';
import { formatMoney } from '../../services/implementation/implementation-assignment.js';
import { IMPLEMENTATION_VERBS } from './implementation-card.js';
import type { FollowUpCards } from './follow-up-view.js';

const PICK = 'impl.assign.pick';
const RESOURCES = 'impl.assign.resources';
const CANCEL = new Set(['thoi', 'huy', 'huy bo', 'khong', 'de sau', 'thoi khong']);
const KEEP = new Set(['giu nguyen', 'ok', 'co', 'dong y', 'xac nhan', 'bo qua', 'theo ke hoach', 'giu nguyen theo ke hoach']);

type Picked = { ok: true; ids: string[] } | { ok: false; message: string };

/** "1, 3", "2 và 4", "Chuyên, Phó" → the chosen candidates, in the order typed (the first leads). */
export function pickCandidates(text: string, candidates: Pick<Officer, 'id' | 'fullName'>[]): Picked {
  const ids: string[] = [];
  const add = (id: string) => void (ids.includes(id) || ids.push(id));
  const parts = text
    .split(/[,;+\n]|\s+(?:và|va|với|voi)\s+/iu)
    .map((x) => x.trim())
    .filter(Boolean);
  const folded = candidates.map((c) => ` ${foldKey(c.fullName)} `);
  for (const part of parts) {
    // "1 3" is two numbers; "Vũ Văn Chuyên" one name.
    if (/^\d+(\s+\d+)*$/.test(part)) {
      for (const n of part.split(/\s+/).map(Number)) {
        const c = candidates[n - 1];
        if (!c) return { ok: false, message: r.assignNotRecognised(String(n)) };
        add(c.id);
      }
      continue;
    }
    const name = foldedWords(part).join(' ');
    const hits = candidates.filter((_, i) => name && (folded[i]!.endsWith(` ${name} `) || folded[i]!.includes(` ${name} `)));
    if (hits.length === 1) add(hits[0]!.id);
    else if (hits.length > 1) return { ok: false, message: r.assignAmbiguous(part, hits.map((h) => h.fullName).join(', ')) };
    else return { ok: false, message: r.assignNotRecognised(part) };
  }
  return ids.length ? { ok: true, ids } : { ok: false, message: r.assignNotRecognised(text) };
}

/** Starts the choice for a proposal: the numbered list, or why the proposal is not waiting for it. */
export type StartAssignChoice = (turn: CoreTurn, proposalId: string) => Promise<string>;

export function registerAssignByChoice(bot: BotApplication, container: Container, cards: FollowUpCards): StartAssignChoice {
  const { implementation } = container;
  const c = bot.commands;
  const letGo = (text: string) => {
    const u = understand(text, { kind: 'idle' }, (t) => c.parseText(t));
    return u.kind === 'command' || u.kind === 'intent' || u.kind === 'help';
  };

  const start: StartAssignChoice = async (turn, proposalId) => {
    const view = await implementation.view(proposalId);
    const code = view?.proposal.code ?? '';
    const card = view ? await cards.cardFor(view, turn.officer) : undefined;
    if (!view || !card?.actions?.some((a) => a.verb === IMPLEMENTATION_VERBS.assign)) return r.assignNotYours(code);
    const people = await implementation.candidates(proposalId);
    if (!people.length) return r.assignNoCandidates(code);
    askNext(turn, PICK, { proposalId, candidates: people.map((o) => o.id) });
    return r.assignPick(
      code,
      people.map((o, i) => r.assignCandidate(i + 1, o.fullName, o.positionTitle, o.id === view.proposal.proposerId)),
    );
  };

  bot.intents.registerPending(PICK, async (turn, text, data) => {
    const words = foldedWords(text).join(' ');
    if (CANCEL.has(words)) {
      await turn.send(r.cancelled);
      return true;
    }
    if (letGo(text)) return false;
    const proposalId = String(data.proposalId);
    const ids = (data.candidates as string[]) ?? [];
    const people = (await implementation.candidates(proposalId)).filter((o) => ids.includes(o.id));
    const ordered = ids.map((id) => people.find((o) => o.id === id)).filter((o): o is Officer => !!o);
    const picked = pickCandidates(text, ordered);
    if (!picked.ok) {
      askNext(turn, PICK, data);
      await turn.send(picked.message);
      return true;
    }
    const view = await implementation.view(proposalId);
    const plan = view?.proposal.plan ?? {};
    const names = picked.ids.map((id) => ordered.find((o) => o.id === id)!.fullName).join(', ');
    const funding = [plan.fundingAmount ? `${formatMoney(plan.fundingAmount)} đồng` : '', plan.fundingSource ?? '']
      .filter(Boolean)
      .join(', ');
    askNext(turn, RESOURCES, { proposalId, implementers: picked.ids });
    await turn.send(r.assignResources(names, plan.resourcesPeople ?? '', funding, plan.equipment ?? ''));
    return true;
  });

  bot.intents.registerPending(RESOURCES, async (turn, text, data) => {
    const words = foldedWords(text).join(' ');
    if (CANCEL.has(words)) {
      await turn.send(r.cancelled);
      return true;
    }
    let resources = { people: '', funding: '', equipment: '' };
    if (!KEEP.has(words)) {
      if (!text.includes('|')) {
        if (letGo(text)) return false;
        askNext(turn, RESOURCES, data);
        await turn.send(r.assignResourcesAgain);
        return true;
      }
      const [people = '', funding = '', equipment = ''] = text.split('|').map((s) => s.trim());
      resources = { people, funding, equipment };
    }
    const handler = c.get(IMPLEMENTATION_VERBS.assign)!;
    const result = await handler(turn, {
      proposalId: data.proposalId,
      implementers: ((data.implementers as string[]) ?? []).join(','),
      ...resources,
    });
    await deliverCommandResult(turn, result);
    return true;
  });

  return start;
}
