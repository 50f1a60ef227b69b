// A submit answers at once: the notifications it causes (the decider's card, the proposer's "sent to")
// leave after the turn. The decider's Teams side hangs until the test lets it go: if the turn waited for
// delivery, the submit would never be answered and this test would time out.
import assert from 'node:assert/strict';
import { deterministicAadObjectId, messageActivity } from '../tools/chat/activity-factory.js';
import { registerDecisionFeature } from '../bot/decision/index.js';
import { registerProposalFeature } from '../bot/proposal/index.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedDecisionDirectory } from './helpers/decision-fixtures.js';
import { FULL_PLAN, run } from './helpers/wizard-script.js';

describe('answer first, deliver after', function () {
  this.timeout(180_000);
  let h: BotHarness;

  before(async () => {
    h = await startHarness({
      features: [registerProposalFeature, registerDecisionFeature],
      seed: async (db) => void (await seedDecisionDirectory(db.dataSource, { aad: deterministicAadObjectId })),
    });
  });
  after(async () => h?.close());

  it('answers the proposer while the decider cannot be reached, then delivers the decider card', async () => {
    const proposer = h.user('cv.qlkh@test.invalid');
    await run(proposer, FULL_PLAN);

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The decider never wrote to the bot: delivery opens a 1:1 conversation, which hangs.
    h.connector.delayNext(1, 0, { operations: ['createConversation'], until: gate });
    const before = h.connector.lastSeq;
    const res = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageActivity(proposer.session, 'gửi đề xuất')),
    });
    assert.equal(res.status, 200);
    const answered = h.connector.activities
      .filter((a) => a.seq > before && a.conversationId === proposer.conversationId)
      .map((a) => a.activity);
    assert.match(allText(answered), /Đã gửi đề xuất ĐX-\d{4}-0001/, 'the proposer is answered while the decider hangs');
    assert.equal(h.connector.createdConversations.length, 0, 'nothing has reached the decider yet');

    release();
    await h.server.container.notifier.idle();
    const [created] = h.connector.createdConversations;
    assert.ok(created, 'the decider gets the card once reachable');
    assert.ok(h.connector.messages(created.id).length > 0);
    const [row] = (await h.db.dataSource.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE state <> 'sent'`)) as {
      n: number;
    }[];
    assert.equal(row!.n, 0, 'every notification delivered');
    // The turn's own replies come before the notices that follow from it.
    const mine = h.connector.activities.filter((a) => a.seq > before && a.conversationId === proposer.conversationId);
    const submittedAt = mine.findIndex((a) => /Đã gửi đề xuất/.test(allText([a.activity])));
    const sentTo = mine.findIndex((a) => /đã được gửi đến/.test(allText([a.activity])));
    if (sentTo >= 0) assert.ok(sentTo > submittedAt, 'the "sent to" notice comes after the submit answer');
  });
});
