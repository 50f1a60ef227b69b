// Texts on Teams: markdown escaped so that what a person typed shows literally, with line breaks that
// survive (textFormat "plain" made Teams run every line together).
import assert from 'node:assert/strict';
import { registerProposalFeature } from '../bot/proposal/index.js';
import { fromSafeMarkdown, toSafeMarkdown } from '../bot/core/safe-markdown.js';
import { startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { MANAGER } from './helpers/wizard-script.js';

describe('Teams formatting: safe markdown', function () {
  this.timeout(120_000);
  let h: BotHarness;

  before(async () => {
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource), features: [registerProposalFeature] });
  });
  after(async () => h?.close());

  it('escapes every formatting character and keeps each line on its own', () => {
    const text = '**đậm** _nghiêng_ `mã` [bấm](https://evil.invalid) <b>x</b> ~gạch~ a|b &amp;\n# tiêu đề\n1. một\n- gạch\n    thụt lề';
    const md = toSafeMarkdown(text);
    assert.equal(fromSafeMarkdown(md), text, 'read back, the text is what was written');
    assert.doesNotMatch(md, /(?<!\\)[*_`[\]<>~|&]/, 'no formatting character left unescaped');
    assert.match(md, /  \n\\# tiêu đề  \n1\\\. một  \n\\- gạch  \n\u00a0{4}thụt lề$/);
    assert.equal(
      toSafeMarkdown('Tải về: https://x.invalid/files/plan/a_b-c.d'),
      'Tải về: https://x.invalid/files/plan/a_b-c.d',
      'our links stay clickable',
    );
  });

  it('sends a step of the wizard as markdown with its numbered list on separate lines, and typed markdown inert', async () => {
    const user = h.user(MANAGER);
    await user.say('tạo đề xuất');
    const [step2] = (await user.say('Số hóa hồ sơ cấp phép xây dựng tại xã')).filter((r) => r.text);
    assert.equal(step2!.textFormat, 'markdown');
    assert.match(step2!.text!, /  \n1\\\. [^\n]+  \n2\\\. Chuyển đổi số/, 'one field per line');

    const hostile = '**PWNED** [bấm](https://evil.invalid) <script>x</script>';
    const replies = (await user.say(hostile)).filter((r) => r.text);
    assert.ok(replies.length > 0);
    for (const r of replies) {
      assert.equal(r.textFormat, 'markdown');
      assert.ok(!r.text!.includes(hostile), 'never verbatim in a markdown text');
    }
    assert.ok(
      replies.some((r) => fromSafeMarkdown(r.text!).includes(hostile)),
      'but shown as typed',
    );
  });
});
