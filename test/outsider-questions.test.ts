// People not (yet) in the directory: an authenticated Teams user the province does not know can ask a
// policy question and read the cited answer (and the whole article), is told how to be added, and gets
// nothing else: no proposal, no menu, no card action, no channel account; a burst of questions is limited.
// On Zalo, someone not linked gets the answer as text, then how to link.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importDocument } from '../services/knowledge/knowledge-store.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { FakeZalo, type ZaloHarness, startZaloTestBot, stopZaloTestBot } from './helpers/fake-zalo.js';

describe('people not in the directory', () => {
  let h: BotHarness;
  before(async () => {
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource) });
    // The province's letter, so that an answer quotes it and offers its whole section.
    await importDocument(
      h.db.dataSource,
      readFileSync(path.join(__dirname, '../knowledge/sources/cong-van-ubnd-lao-cai-trien-khai-nd73.txt'), 'utf8'),
      {},
    );
    await h.server.container.answerer.refresh();
  });
  after(async () => h?.close());

  const accounts = async (externalId: string) =>
    (await h.db.dataSource.query(`SELECT count(*)::int AS n FROM channel_account WHERE external_user_id = $1`, [externalId]))[0]
      .n as number;

  it('answers a policy question with the provision cited, says how to be added, and opens the whole article', async () => {
    const user = h.user('khach.moi@example.invalid');
    const replies = await user.say('Thời hạn xem xét kế hoạch đề xuất là bao lâu?');
    assert.equal(replies.length, 2);
    const answer = allText(replies.slice(0, 1));
    assert.match(answer, /Điều 8/);
    assert.match(answer, /07 ngày làm việc/);
    assert.match(allText(replies.slice(1)), /chưa có trong danh bạ cán bộ[\s\S]*bổ sung vào danh bạ/);

    // The province's letter quoted word for word, and its whole section one click away.
    const quoted = await user.say('Ai là đầu mối tiếp nhận kế hoạch đề xuất của thủ trưởng các sở?');
    assert.match(allText(quoted.slice(0, 1)), /Công văn/);
    const card = quoted[0]!.attachments?.[0]?.content as { actions?: { verb?: string; data?: Record<string, unknown> }[] };
    const show = card.actions?.find((a) => a.verb === 'kb.showArticle');
    assert.ok(show, 'the answer offers the whole section');
    const article = await user.execute(show.verb!, show.data);
    assert.equal(article.status, 200);
    assert.equal(article.body?.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(article.body?.value), /Giao Sở Nội vụ/);

    // Typed without diacritics, as officers may.
    assert.match(allText(await user.say('thoi han xem xet ke hoach la bao lau')), /Điều 8/);
    assert.equal(await accounts(user.session.user.id), 0, 'no channel account is created');
  });

  it('opens nothing else: a command, the menu and a card action are refused with how to be added', async () => {
    const user = h.user('nguoi.ngoai@example.invalid');
    const create = await user.say('tạo đề xuất');
    assert.equal(create.length, 1);
    assert.match(allText(create), /chưa có trong danh bạ cán bộ/);
    assert.match(allText(create), /vẫn có thể hỏi về Nghị định 73\/2023\/NĐ-CP/);
    assert.doesNotMatch(allText(create), /Bước|Tên đề xuất/);
    assert.match(allText(await user.say('menu')), /chưa có trong danh bạ cán bộ/);
    // A statement the knowledge base has nothing on gets the welcome, not a refusal of a "question".
    const statement = await user.say('Tôi là Nguyễn Văn Khách, số điện thoại 0912345678');
    assert.equal(statement.length, 1);
    assert.match(allText(statement), /vẫn có thể hỏi về Nghị định 73/);
    const action = await user.execute('menu.newProposal');
    assert.equal(action.status, 200);
    assert.equal(action.body?.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(action.body?.value), /chưa có trong danh bạ cán bộ/);
    const [{ n }] = await h.db.dataSource.query(`SELECT count(*)::int AS n FROM proposal`);
    assert.equal(n, 0);
    assert.equal(await accounts(user.session.user.id), 0);
  });

  it('limits a burst of questions from one person, and keeps refusing an inactive officer', async () => {
    const user = h.user('hoi.nhieu@example.invalid');
    const texts: string[] = [];
    for (let i = 0; i < 7; i++) texts.push(allText(await user.say('Ai có quyền đề xuất đổi mới sáng tạo?')));
    assert.ok(
      texts.slice(0, 6).every((t) => /bổ sung vào danh bạ/.test(t)),
      'six answered',
    );
    assert.match(texts[6]!, /hỏi nhiều câu liên tiếp/);
    // Another outsider is not affected.
    assert.match(allText(await h.user('nguoi.khac@example.invalid').say('Ai có quyền đề xuất đổi mới sáng tạo?')), /bổ sung vào danh bạ/);

    await h.db.dataSource.query(`UPDATE officer SET active = false WHERE email = 'tp.qlkh@test.invalid'`);
    const inactive = allText(await h.user('tp.qlkh@test.invalid').say('Thời hạn xem xét kế hoạch đề xuất là bao lâu?'));
    assert.match(inactive, /ngừng hoạt động/);
    assert.doesNotMatch(inactive, /Điều 8/);
  });
});

describe('people not linked on Zalo', function () {
  this.timeout(300_000);
  const fake = new FakeZalo();
  let z: ZaloHarness;
  before(async () => (z = await startZaloTestBot(fake)));
  after(() => stopZaloTestBot(z, fake));

  it('answers a policy question as text with the provision cited, then says how to link; anything else gets the onboarding', async () => {
    const user = z.oaUser('7000000000000000099');
    const replies = await user.say('thoi han xem xet ke hoach de xuat la bao lau?');
    assert.equal(replies.length, 2);
    assert.match(replies[0]!.text, /Điều 8/);
    assert.match(replies[1]!.text, /LIÊN KẾT <mã>/);
    const menu = await user.say('tạo đề xuất');
    assert.equal(menu.length, 1);
    assert.match(menu[0]!.text, /liên kết tài khoản Zalo/);
    const [{ n }] = await z.db.dataSource.query(`SELECT count(*)::int AS n FROM channel_account WHERE external_user_id = $1`, [
      user.userId,
    ]);
    assert.equal(n, 0);
  });
});
