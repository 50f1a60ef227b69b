// Questions in chat: a message that is not a command is answered from the knowledge base with the
// provision cited; follow-ups keep context; the whole article is one click (or one typed command) away.
import assert from 'node:assert/strict';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedTestDirectory, TEST_PEOPLE } from './helpers/test-directory.js';

const staff = TEST_PEOPLE.find((p) => p.position === 'Chuyên viên')!;

describe('knowledge: questions in chat', () => {
  let h: BotHarness;
  before(async () => {
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource) });
  });
  after(async () => h?.close());

  it('answers a question on Teams with a card citing Điều 8 and a button for the whole article', async () => {
    const user = h.user(staff.email);
    const replies = await user.say('Thời hạn xem xét kế hoạch đề xuất là bao lâu?');
    assert.equal(replies.length, 1);
    const card = replies[0].attachments?.[0]?.content as { actions?: { verb: string; data: { provisionId: string } }[] };
    const text = allText(replies);
    assert.match(text, /Điều 8/);
    assert.match(text, /07 ngày làm việc/);
    const conversation = await h.db.dataSource.query(`SELECT data FROM bot_state WHERE key LIKE $1`, [
      `%/conversations/${user.conversationId}`,
    ]);
    assert.ok(conversation[0].data.kbContext, 'the answer context is kept for follow-ups');
    if (card.actions?.length) {
      const article = await user.execute(card.actions[0].verb, card.actions[0].data);
      assert.equal(article.status, 200);
      assert.equal(article.body?.type, 'application/vnd.microsoft.card.adaptive');
      assert.match(JSON.stringify(article.body?.value), /Điều/);
    }
  });

  it('understands a question typed without diacritics', async () => {
    const replies = await h.user(staff.email).say('thoi han xem xet ke hoach de xuat la bao lau');
    assert.match(allText(replies), /Điều 8/);
  });

  it('tells a question about base salary under "Nghị định 73" that it is a different decree', async () => {
    const replies = await h.user(staff.email).say('Lương cơ sở theo Nghị định 73 là bao nhiêu?');
    assert.match(allText(replies), /73\/2024/);
  });

  it('refuses an out-of-scope question without inventing a provision', async () => {
    const replies = await h.user(staff.email).say('Giá vé máy bay Hà Nội đi Đà Nẵng hôm nay là bao nhiêu?');
    const text = allText(replies);
    assert.doesNotMatch(text, /Căn cứ: .*Điều \d+/);
    assert.match(text, /không tìm thấy|chưa tìm thấy|Không tìm thấy/i);
  });
});
