// Suggested questions and "content or question?" on a phone (issue 15 item 5), over the Zalo OA and the
// Bot Platform against the loopback fake: a refusal's suggested questions are OA query buttons (at most
// 3, each written in the text), and the ambiguous wizard step is answered by typing "1" or "2".
import assert from 'node:assert/strict';
import { FakeZalo, type ZaloHarness, linkOverZalo, startZaloTestBot, stopZaloTestBot } from './helpers/fake-zalo.js';
import { FULL_PLAN, MANAGER } from './helpers/wizard-script.js';
import { PARTY_STEP_OFF_ENV } from './helpers/workflow-fixtures.js';

const UNCLEAR = 'Cán bộ hướng dẫn người dân thủ tục nào được nộp trực tuyến tại nhà';

describe('zalo: suggested questions as buttons, "content or question?" as typed choices', function () {
  this.timeout(300_000);
  const fake = new FakeZalo();
  let z: ZaloHarness;

  before(async () => (z = await startZaloTestBot(fake, PARTY_STEP_OFF_ENV)));
  after(() => stopZaloTestBot(z, fake));

  const link = (say: (text: string) => Promise<unknown>, email: string) => linkOverZalo(z, say, email);
  const draft = async () =>
    (await z.db.dataSource.query(`SELECT plan FROM proposal WHERE status = 'draft' ORDER BY created_at DESC LIMIT 1`))[0].plan;

  it('OA: the suggested questions of a refusal are query buttons; a tap asks that question', async () => {
    const user = z.oaUser('9400000000000000001');
    await link((t) => user.say(t), MANAGER);
    const [answer] = (await user.say('Bảo hiểm y tế của cán bộ được chi trả bao nhiêu phần trăm?')).slice(-1);
    assert.match(answer!.text, /chưa tìm thấy quy định/);
    assert.ok(answer!.buttons.length >= 1 && answer!.buttons.length <= 3, JSON.stringify(answer!.buttons));
    for (const b of answer!.buttons) {
      assert.ok(answer!.text.includes(b.payload), `«${b.payload}» is written in the text`);
      assert.ok(b.title.length <= 20, b.title);
    }
    const tapped = await user.say(answer!.buttons[0]!.payload);
    assert.doesNotMatch(tapped.map((r) => r.text).join('\n'), /chưa hiểu ý/);
  });

  it('Bot Platform: "content or question?" is answered by typing 1 (stored) or 2 (answered, not stored)', async () => {
    const user = z.botUser('bot-9400000000000000002');
    await link((t) => user.say(t), 'cv.qlkh@test.invalid');
    for (const [said] of FULL_PLAN.slice(0, 8)) await user.say(said);
    const asked = (await user.say(UNCLEAR)).join('\n');
    assert.match(
      asked,
      /Đây là nội dung cho mục «Nội dung, nhiệm vụ, giải pháp» hay câu hỏi\?[\s\S]*["“]1["”] \(Ghi vào mục\), ["“]2["”] \(Đây là câu hỏi\)/,
    );
    assert.doesNotMatch(asked, /nút|bấm/);
    assert.equal((await draft()).content, undefined);
    assert.match((await user.say('2')).join('\n'), /không ghi vào kế hoạch[\s\S]*Bước 8\/25/);
    assert.equal((await draft()).content, undefined);
    await user.say(UNCLEAR);
    assert.match((await user.say('1')).join('\n'), /Bước 9\/25/);
    assert.equal((await draft()).content, UNCLEAR);
  });
});
