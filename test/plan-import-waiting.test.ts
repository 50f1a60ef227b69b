// While a plan read from a long message waits for "đồng ý" / "sửa <mục>", a question or a menu word is
// answered as such (services/intents/understanding.ts, situation "import") and the plan keeps waiting;
// it is never taken as one of the missing parts. Over HTTP into /api/messages.
import assert from 'node:assert/strict';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { MANAGER, plain } from './helpers/wizard-script.js';
import { pastedPlan } from './helpers/plan-drafts.js';

const PASTED = pastedPlan({ field: 'Chuyển đổi số' });

describe('plan import: questions and menu words while the plan waits for confirmation', function () {
  this.timeout(180_000);
  let h: BotHarness;

  before(async () => {
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource) });
  });
  after(async () => h?.close());

  it('answers the question and the menu, keeps the plan waiting, and takes the real answers afterwards', async () => {
    const officer = h.user(MANAGER);
    const say = async (text: string) => plain(allText(await officer.say(text)));
    const preview = await say(PASTED);
    assert.match(preview, /Còn thiếu hoặc cần sửa:\n1\. Điều kiện 1/);

    for (const question of ['thời hạn xem xét là bao lâu?', 'thoi han xem xet la bao lau']) {
      const answered = await say(question);
      assert.doesNotMatch(answered, /Đã cập nhật|chưa nhận ra mục nào/, question);
      assert.match(answered, /Giải đáp về chính sách[\s\S]*07 ngày làm việc[\s\S]*khoản 1 Điều 8 Nghị định 73\/2023/, question);
      assert.match(answered, /vẫn chờ anh\/chị \(câu vừa rồi không được ghi vào kế hoạch\)/, question);
    }
    const menu = await say('menu');
    assert.doesNotMatch(menu, /Đã cập nhật|chưa nhận ra mục nào/);
    assert.match(menu, /Tôi có thể giúp gì\?[\s\S]*Tạo đề xuất mới[\s\S]*vẫn chờ anh\/chị/);
    assert.equal((await h.db.dataSource.query(`SELECT count(*)::int AS n FROM proposal`))[0].n, 0, 'nothing stored yet');

    // Still waiting: the four conditions are still the missing parts, in order.
    const shown = await say('xem lại');
    assert.match(shown, /1\. Điều kiện 1[\s\S]*4\. Điều kiện 4/);
    const completed = await say('Có, vì chưa có quy định\nCó, người dân được lợi\nCó, sổ hư hỏng nhiều\nCó, ứng dụng công nghệ');
    assert.match(completed, /Đã cập nhật 4 mục/);
    assert.match(completed, /Đã đủ các mục bắt buộc/);
    assert.match(await say('đồng ý'), /Xem lại kế hoạch đề xuất/);
    const [row] = await h.db.dataSource.query(`SELECT plan FROM proposal`);
    assert.deepEqual(row.plan.conditions.c1, { met: true, reason: 'vì chưa có quy định' });
    assert.doesNotMatch(JSON.stringify(row.plan), /bao lâu|bao lau|menu/);
  });
});
