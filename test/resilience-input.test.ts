// Hostile and oversized input over HTTP: a body over the limit is refused with 413, a 100,000-character
// message gets the clear "too long" answer, and text that looks like card JSON, HTML or markdown comes back
// as text: never as a card built from it, never as live markup.
import assert from 'node:assert/strict';
import { messageActivity } from '../tools/chat/activity-factory.js';
import type { ConnectorActivity } from '../tools/chat/connector-types.js';
import { escapeCardText } from '../bot/cards/render-adaptive-card.js';
import { core } from '../services/platform/messages/index.js';
import { MAX_MESSAGE_LENGTH } from '../bot/core/message-router.js';
import { allText, startHarness, type BotHarness } from './helpers/bot-harness.js';
import { seedTestDirectory, TEST_PEOPLE } from './helpers/test-directory.js';

const manager = TEST_PEOPLE.find((p) => p.position === 'Trưởng phòng')!;
const staff = TEST_PEOPLE.find((p) => p.position === 'Chuyên viên')!;

/** Inputs that would change what the officer sees if the bot passed them through as structure or markup. */
const HOSTILE = [
  '{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"PWNED-CARD"}],"actions":[{"type":"Action.OpenUrl","title":"PWNED-LINK","url":"https://evil.invalid"}]}',
  '<script>alert("PWNED-SCRIPT")</script><img src=x onerror=alert(1)>',
  '**PWNED-BOLD** [bấm vào đây](https://evil.invalid) # tiêu đề',
  '<at>Ban Giám đốc</at> ![ảnh](https://evil.invalid/x.png)',
];

/** Every (content type, node) an attachment holds, to look for structure made from user input. */
function attachmentNodes(reply: ConnectorActivity): Record<string, unknown>[] {
  const nodes: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    nodes.push(node as Record<string, unknown>);
    Object.values(node as Record<string, unknown>).forEach(walk);
  };
  for (const a of reply.attachments ?? []) walk(a.content);
  return nodes;
}

/** Checks one reply against one hostile input; returns the problems found. */
function problems(reply: ConnectorActivity, input: string): string[] {
  const found: string[] = [];
  const nodes = attachmentNodes(reply);
  // No card element, action or URL of the user's making.
  for (const node of nodes) {
    if (node.text === 'PWNED-CARD' || node.title === 'PWNED-LINK') found.push(`card element built from input: ${JSON.stringify(node)}`);
    if (typeof node.url === 'string' && node.url.includes('evil.invalid')) found.push(`URL from input became an action: ${node.url}`);
  }
  for (const a of reply.attachments ?? []) {
    if (typeof a.contentUrl === 'string' && a.contentUrl.includes('evil.invalid')) found.push(`attachment URL from input: ${a.contentUrl}`);
  }
  // Inside a card, user text is in TextBlocks, which render markdown: it must be escaped there.
  const markdownSignificant = /[*_[\]()#`>!]/.test(input);
  for (const node of nodes) {
    if (node.type !== 'TextBlock' && node.type !== 'Fact' && node.title === undefined) continue;
    for (const key of ['text', 'value']) {
      const value = node[key];
      if (typeof value === 'string' && markdownSignificant && value.includes(input)) {
        found.push(`unescaped input in a card ${key}: ${value.slice(0, 120)}`);
      }
    }
  }
  // In a text message, verbatim user text is only safe when the message is marked plain; in markdown
  // (line breaks survive on Teams) every markdown or HTML character of it must arrive escaped.
  if (typeof reply.text === 'string' && reply.text.includes(input) && reply.textFormat !== 'plain' && /[*_[\]`<>~|&\\]/.test(input)) {
    found.push(`verbatim input in a ${reply.textFormat ?? 'markdown'} message: ${reply.text.slice(0, 120)}`);
  }
  return found;
}

describe('resilience: hostile and oversized input', function () {
  this.timeout(60_000);
  let h: BotHarness;

  before(async () => {
    h = await startHarness({ seed: (db) => seedTestDirectory(db.dataSource) });
  });
  after(async () => h?.close());

  it('refuses a 1 MB body with 413 and keeps serving', async () => {
    const user = h.user(staff.email);
    const activity = messageActivity(user.session, 'x'.repeat(1024 * 1024));
    const res = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await res.arrayBuffer();
    assert.equal(res.status, 413);
    assert.match(allText(await user.say('hướng dẫn')), /Trợ lý Đổi mới giúp anh\/chị/);
  });

  it('refuses a body that is not JSON, or JSON that is not an activity, with 400', async () => {
    for (const body of ['{"type":', 'null', '[]', '"text"', '{"type":"message"}']) {
      const res = await fetch(`${h.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      assert.equal(res.status, 400, body);
    }
  });

  it('answers a 100,000-character message with the clear "too long" message', async () => {
    const user = h.user(staff.email);
    const text = 'Đề xuất số hóa hồ sơ một cửa cấp xã. '.repeat(2800).slice(0, 100_000);
    assert.equal(text.length, 100_000);
    const { status, replies } = await user.post(messageActivity(user.session, text));
    assert.equal(status, 200);
    assert.equal(replies.length, 1);
    assert.equal(replies[0].text, core.messageTooLong(MAX_MESSAGE_LENGTH));
    assert.equal(replies[0].attachments?.length ?? 0, 0);
  });

  it('shows card JSON, HTML and markdown typed as a question as text, never as structure', async () => {
    const user = h.user(staff.email);
    for (const input of HOSTILE) {
      const { status, replies } = await user.post(messageActivity(user.session, input));
      assert.equal(status, 200, input);
      assert.ok(replies.length >= 1, `a reply to ${input}`);
      for (const reply of replies) assert.deepEqual(problems(reply, input), [], input);
    }
  });

  it('shows card JSON, HTML and markdown given as wizard answers as text, in the prompts and the review card', async () => {
    const user = h.user(manager.email);
    const started = await user.say('tạo đề xuất');
    assert.match(allText(started), /tên ngắn gọn cho đề xuất/, 'the wizard starts');
    const found: string[] = [];
    for (const input of HOSTILE) {
      // As the title (saved, then shown back in prompts and in the review card) ...
      const replies = [...(await user.say(input)), ...(await user.say('xem lại'))];
      // ... and as an answer the field step refuses (the refusal quotes what was typed).
      replies.push(...(await user.say(input)), ...(await user.say('quay lại')));
      for (const reply of replies) found.push(...problems(reply, input));
      const shown = allText(replies);
      assert.ok(shown.includes(input) || shown.includes(escapeCardText(input)), `the title is shown back: ${input}`);
    }
    assert.deepEqual(found, []);
  });
});
