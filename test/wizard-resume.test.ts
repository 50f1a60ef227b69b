// A draft lives in the database, keyed by the officer: it survives a restart of the bot and follows the
// officer into another conversation.
import assert from 'node:assert/strict';
import { registerProposalFeature } from '../bot/proposal/index.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { openTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { FULL_PLAN, plain } from './helpers/wizard-script.js';

const MANAGER = 'tp.qlkh@test.invalid';

describe('wizard: resuming a draft', function () {
  let db: TestDatabase;
  let h: BotHarness | undefined;

  beforeEach(async () => {
    db = await openTestDatabase();
    await seedTestDirectory(db.dataSource);
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    await db.dispose();
  });

  const start = async () => (h = await startHarness({ db, features: [registerProposalFeature] }));
  const say = async (text: string, conversationId?: string) =>
    plain(allText(await h!.user(MANAGER, conversationId ? { conversationId } : {}).say(text)));

  it('continues at the first empty step after the bot restarts', async () => {
    await start();
    for (const [said, expected] of FULL_PLAN.slice(0, 6)) assert.match(await say(said, 'chat-1'), expected);
    await h!.close();
    h = undefined;

    await start();
    // The conversation state survived too: the next answer goes to the same step.
    assert.match(await say('Chưa có quy định tiếp nhận bản vẽ điện tử có chữ ký số.', 'chat-1'), /Bước 7\/25/);
    assert.match(await say('lưu nháp', 'chat-1'), /Đã lưu bản nháp/);
    await h!.close();
    h = undefined;

    await start();
    assert.match(
      await say('tiếp tục', 'chat-1'),
      /Làm tiếp bản nháp “Số hóa hồ sơ cấp phép xây dựng tại xã”[\s\S]*Bước 7\/25 · Phần a\)[\s\S]*Văn bản hiện hành/,
    );
  });

  it('follows the officer into another conversation, keeping every answer', async () => {
    await start();
    for (const [said, expected] of FULL_PLAN.slice(0, 4)) assert.match(await say(said, 'chat-1'), expected);
    // Another chat (another device or channel): the draft is found by the officer, not by the chat.
    assert.match(await say('tiếp tục', 'other'), /Làm tiếp bản nháp[\s\S]*Bước 4\/25 · Phần a\)[\s\S]*Mục đích/);
    assert.match(await say('Rút ngắn thời gian giải quyết hồ sơ.', 'other'), /Bước 5\/25/);
    const [row] = await db.dataSource.query(`SELECT plan FROM proposal`);
    assert.equal(row.plan.title, 'Số hóa hồ sơ cấp phép xây dựng tại xã');
    assert.equal(row.plan.purpose, 'Rút ngắn thời gian giải quyết hồ sơ.');
    // Back in the first chat, its wizard reads the draft from the database: the purpose is there.
    assert.match(await say('quay lại', 'chat-1'), /Bước 3\/25[\s\S]*Nội dung hiện có: «Hồ sơ giấy phép/);
    assert.match(await say('giữ nguyên', 'chat-1'), /Bước 5\/25 · Phần a\)[\s\S]*Yêu cầu/);
  });
});
