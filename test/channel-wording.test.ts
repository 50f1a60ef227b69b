// Every catalogue text, rendered for every channel, names only what that channel has: no buttons, cards
// or attachments on Zalo, no "attached file" anywhere (files come as a link card), no shouting titles.
import assert from 'node:assert/strict';
import * as catalogue from '../services/platform/messages/index.js';
import { FOREIGN_WORDS, forChannel, type WordingChannel } from '../services/platform/messages/channel-wording.js';
import { renderForZalo } from '../bot/zalo/zalo-renderer.js';
import { toActivity } from '../bot/core/core-turn.js';
import { menuCard } from '../bot/cards/menu-card.js';

const CHANNELS: WordingChannel[] = ['msteams', 'web', 'zalo_oa', 'zalo_bot'];
const SAMPLE_ARGS: unknown[] = ['ĐX-2026-0001', 2, '2026-03-15', ['phần a', 'phần b'], new Date('2026-03-15T02:00:00Z'), { a: 1 }];

/** Every text of the catalogue: strings as they are, functions called with sample arguments that fit. */
function texts(node: unknown, path: string, out: { path: string; text: string }[]): void {
  if (typeof node === 'string') out.push({ path, text: node });
  else if (Array.isArray(node)) node.forEach((n, i) => texts(n, `${path}[${i}]`, out));
  else if (typeof node === 'function') {
    for (const sample of SAMPLE_ARGS) {
      try {
        const value = (node as (...a: unknown[]) => unknown)(...Array.from({ length: Math.max(1, node.length) }, () => sample));
        if (typeof value === 'string') {
          out.push({ path, text: value });
          return;
        }
      } catch {
        // another kind of argument
      }
    }
  } else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) texts(v, `${path}.${k}`, out);
}

describe('channel wording: the catalogue on every channel', function () {
  const all: { path: string; text: string }[] = [];
  texts(catalogue, 'messages', all);

  it('renders most of the catalogue (the walk reaches the texts)', () => {
    assert.ok(all.length > 300, `only ${all.length} texts`);
  });

  for (const channel of CHANNELS) {
    it(`names nothing ${channel} does not have`, () => {
      const problems: string[] = [];
      for (const { path, text } of all) {
        const said = forChannel(text, channel);
        for (const w of FOREIGN_WORDS[channel]) if (w.test(said)) problems.push(`${path}: «${said.slice(0, 140)}» matches ${w}`);
      }
      assert.deepEqual(problems, []);
    });
  }

  it('renders a card for Zalo with a sentence-case title, short buttons and every command on one line', () => {
    const activity = toActivity('zalo_oa', { card: menuCard() });
    for (const channel of ['zalo_oa', 'zalo_bot'] as const) {
      const [message, ...rest] = renderForZalo(activity, channel);
      assert.equal(rest.length, 0, 'one bubble');
      const lines = message!.text.split('\n');
      assert.ok(
        !lines.some((l) => l.length > 12 && l === l.toLocaleUpperCase('vi') && /\p{L}/u.test(l)),
        `no line in capitals:\n${message!.text}`,
      );
      const line = lines.find((l) => l.startsWith('Anh/chị có thể gõ:')) ?? '';
      for (const c of ['“tạo đề xuất”', '“đề xuất của tôi”', '“việc chờ tôi”', '“hướng dẫn”'])
        assert.ok(line.includes(c), `${c} on the commands line: ${line}`);
      for (const w of FOREIGN_WORDS[channel]) assert.doesNotMatch(message!.text, w);
      assert.ok(
        message!.buttons.every((b) => b.title.length <= 20),
        JSON.stringify(message!.buttons),
      );
      if (channel === 'zalo_bot') assert.equal(message!.buttons.length, 0);
    }
  });
});
