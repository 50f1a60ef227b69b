// Every card verb checks who is asking, on every channel: a verb that names a proposal runs only for the
// people the proposal concerns (and those above them); a verb kept to a role refuses everyone else; the
// rest only touch the caller's own things. The test walks every registered verb, so a new verb cannot
// forget its check: it must declare one, and if it names a proposal a stranger is refused.
import assert from 'node:assert/strict';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { createSubmittedProposal, seedDecisionDirectory, type People } from './helpers/decision-fixtures.js';

/** Verbs that only touch the caller's own things or public texts. Adding one here is a conscious choice. */
const OWN_VERBS = new Set([
  'menu.help',
  'menu.newProposal',
  'menu.myProposals',
  'menu.myTasks',
  'menu.show',
  'kb.showArticle',
  'kb.showArticleText',
  'kb.ask',
  'zalo.linkCode',
  'impl.list',
  'report.show',
  'report.generate',
  'report.narrative',
  'report.submit',
  'report.tracking',
  'understanding.content',
  'understanding.question',
  // Only clears the conversation's own pending confirmation.
  'decision.reply.cancel',
  // The caller's own receipt; progress checks sender / heads above / Home Affairs itself (campaign-conversation.test.ts).
  'campaign.read',
  'campaign.answer',
  'campaign.progress',
  // The plan-import preview's buttons replay “đồng ý” / “hủy” into the caller's own import dialog.
  'planImport.confirm',
  'planImport.cancel',
  // Obstacle reports: the dialog is the caller's own; view and list check inside who may read a report
  // (author, chosen head, Home Affairs: test/obstacle-reports.test.ts); Home Affairs' actions are a role check.
  'menu.obstacle',
  'obstacle.view',
  'obstacle.list',
]);

describe('who may run a card verb', function () {
  this.timeout(180_000);
  let h: BotHarness;
  let p: People;
  let id: string;
  let code: string;

  before(async () => {
    h = await startHarness({ seed: async (db) => void (p = await seedDecisionDirectory(db.dataSource)) });
    await h.user('cv.skhcn@test.invalid').say('xin chào');
    ({ id, code } = await createSubmittedProposal(h.db.dataSource, p.scStaff!));
    await h.server.container.events.emit('submitted', { proposalId: id, revision: 1, actorId: p.scStaff! });
  });
  after(async () => h?.close());

  const cardText = (body: unknown) => allText([{ attachments: [{ content: (body as { value?: unknown })?.value }] } as never]);
  const statusOf = async () =>
    ((await h.db.dataSource.query(`SELECT status FROM proposal WHERE id = $1`, [id])) as { status: string }[])[0]!.status;

  it('every verb declares who may run it; those that only touch the caller are the known list', () => {
    const verbs = h.server.container.bot.commands.verbs();
    assert.ok(verbs.length > 40, `${verbs.length} verbs`);
    const own = verbs.filter((v) => v.access === 'own').map((v) => v.verb);
    assert.deepEqual(
      own.filter((v) => !OWN_VERBS.has(v)),
      [],
      'a new verb that touches only the caller belongs in OWN_VERBS, after a look',
    );
  });

  it('a staff member of another department is refused every verb that names the proposal, by id and by code', async () => {
    const stranger = h.user('cv.syt@test.invalid');
    const proposalVerbs = h.server.container.bot.commands.verbs().filter((v) => v.access === 'proposal');
    assert.ok(proposalVerbs.length > 25);
    const before = await statusOf();
    for (const { verb } of proposalVerbs) {
      // By id, by code, and by an id in the code field (an old card's shape): all go through the same check.
      for (const data of [{ proposalId: id }, { code }, { code: id }]) {
        const { status, body } = await stranger.execute(verb, { ...data, comment: 'thử', reason: 'thử', text: 'thử' });
        assert.equal(status, 200, verb);
        const text = cardText(body);
        assert.match(text, /không phải người được giao hay có liên quan/, `${verb} ${JSON.stringify(data)}: ${text.slice(0, 200)}`);
        assert.doesNotMatch(text, new RegExp(code), `${verb} shows nothing of the proposal`);
      }
    }
    assert.equal(await statusOf(), before, 'nothing changed');
  });

  it('a proposal id that is not a UUID is refused before any query', async () => {
    const { body } = await h.user('cv.syt@test.invalid').execute('decision.refresh', { proposalId: "1' OR '1'='1" });
    assert.match(cardText(body), /không phải người được giao hay có liên quan/);
  });

  it('the proposer, the decider, the head above and the Home Affairs head see it; a deputy before the vote does not', async () => {
    for (const email of ['cv.skhcn@test.invalid', 'gd.skhcn@test.invalid', 'gd.snv@test.invalid']) {
      const { body } = await h.user(email).execute('decision.refresh', { proposalId: id });
      assert.match(cardText(body), new RegExp(code), email);
    }
    const { body } = await h.user('pgd.snv@test.invalid').execute('decision.refresh', { proposalId: id });
    assert.match(
      cardText(body),
      /không phải người được giao hay có liên quan/,
      'a Home Affairs deputy is not in the province roles by default',
    );
  });

  it('verbs kept to a role refuse everyone else', async () => {
    const { body } = await h.user('cv.syt@test.invalid').execute('decision.queue', {});
    assert.match(cardText(body), /Sở Nội vụ/);
    assert.doesNotMatch(cardText(body), new RegExp(code));
  });
});
