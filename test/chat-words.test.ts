// Words typed the way officials chat, over HTTP: a menu word typed in the middle of the wizard is a
// command and never an answer (issue 20 item 4), and Zalo-style abbreviations are read as what they mean.
import assert from 'node:assert/strict';
import { deterministicAadObjectId } from '../tools/chat/activity-factory.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedDecisionDirectory } from './helpers/decision-fixtures.js';
import { FULL_PLAN, plain, run } from './helpers/wizard-script.js';

describe('chat words: menu words mid-wizard are commands, abbreviations are understood', function () {
  let h: BotHarness;

  before(async function () {
    this.timeout(180_000);
    h = await startHarness({ seed: async (db) => void (await seedDecisionDirectory(db.dataSource, { aad: deterministicAadObjectId })) });
  });
  after(async () => h?.close());

  const draft = async () =>
    (await h.db.dataSource.query(`SELECT title, plan FROM proposal WHERE status = 'draft' ORDER BY created_at DESC LIMIT 1`))[0];

  it('answers "đề xuất của tôi", "việc chờ tôi", "menu", "hướng dẫn" at the title step and at a later step, storing none of them', async () => {
    const user = h.user('tp.qlkh@test.invalid');
    const words: [string, RegExp][] = [
      ['đề xuất của tôi', /Đề xuất của tôi|Bản nháp/],
      ['viec cho toi', /việc|Việc/],
      ['menu', /tạo đề xuất|Tạo đề xuất/i],
      ['hướng dẫn', /GIAO THỰC HIỆN/],
      ['theo dõi triển khai', /triển khai/],
    ];
    await run(user, [FULL_PLAN[0]!]);
    for (const [said, expected] of words) {
      const text = plain(allText(await user.say(said)));
      assert.match(text, expected, `«${said}» at the title step:\n${text}`);
      assert.match(text, /Bước 1\/25/, `«${said}»: the title step is asked again`);
    }
    assert.equal((await draft()).title, null, 'no menu word became the title');
    await run(user, [...FULL_PLAN.slice(1, 9)]);
    for (const [said, expected] of words) {
      const text = plain(allText(await user.say(said)));
      assert.match(text, expected, `«${said}» at the scope step:\n${text}`);
      assert.match(text, /Bước 9\/25/, `«${said}»: the scope step is asked again`);
    }
    const row = await draft();
    assert.equal(row.plan.scope, undefined, 'no menu word became the scope');
    assert.equal(row.title, 'Số hóa hồ sơ cấp phép xây dựng tại xã');
    await run(user, [['lưu nháp', /Đã lưu bản nháp/]]);
  });

  it('reads Zalo abbreviations: "xl nhầm" is an apology, "tks" a thanks, "ntn" a question, "ko tán thành <mã>" the command', async () => {
    const user = h.user('cv.skhcn@test.invalid');
    assert.match(plain(allText(await user.say('xl nhầm'))), /Không sao ạ/);
    assert.match(plain(allText(await user.say('tks a'))), /Không có gì ạ/);
    assert.doesNotMatch(plain(allText(await user.say('thủ tục đề xuất ntn a'))), /chưa hiểu ý|Không có gì/);
    assert.match(plain(allText(await user.say('ko tan thanh DX 2026 9999 chua kha thi'))), /Không tìm thấy đề xuất này/);
  });
});
