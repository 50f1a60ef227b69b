// The terminal chat: card rendering, Teams-shaped activities, the loopback connector, and the CLI end to end
// against a small real botbuilder bot (test/helpers/fake-bot.ts), driven through piped stdin.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createChatSession,
  createChatUser,
  deterministicAadObjectId,
  installActivity,
  messageActivity,
  stableTeamsUserId,
} from '../tools/chat/activity-factory.js';
import { findAction, findInput, gatherInputs, parseInputValue } from '../tools/chat/card-interaction.js';
import { renderActivity, renderAdaptiveCard } from '../tools/chat/card-text-renderer.js';
import { LoopbackConnector } from '../tools/chat/loopback-connector.js';
import { FAKE_BOT_CARD_TITLE, FAKE_BOT_FILE_TEXT, startFakeBot, type FakeBot } from './helpers/fake-bot.js';

const ROOT = resolve(__dirname, '..');
const CHAT_SCRIPT = join(ROOT, 'tools/chat/terminal-chat.ts');

/** A card like the bot's proposal form: facts, columns, inputs of every kind, a nested ShowCard. */
const proposalCard = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: '**Kế hoạch đề xuất** – bước 2/5', weight: 'Bolder' },
    { type: 'TextBlock', text: 'Nội dung ẩn', isVisible: false, id: 'hidden' },
    {
      type: 'FactSet',
      facts: [
        { title: 'Người đề xuất', value: 'Nguyễn Văn An' },
        { title: 'Hạn nộp:', value: '{{DATE(2025-11-30T02:00:00Z, COMPACT)}}' },
      ],
    },
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', items: [{ type: 'TextBlock', text: 'Trạng thái' }] },
        { type: 'Column', items: [{ type: 'TextBlock', text: 'Bản nháp' }] },
      ],
    },
    { type: 'Image', url: 'https://example.invalid/logo.png', altText: 'Biểu trưng UBND tỉnh' },
    {
      type: 'Container',
      items: [
        { type: 'Input.Text', id: 'title', label: 'Tên đề xuất', isRequired: true, maxLength: 20, value: 'Số hóa' },
        { type: 'Input.Number', id: 'budget', label: 'Kinh phí (triệu đồng)', min: 0, max: 500 },
        { type: 'Input.Date', id: 'start', label: 'Ngày bắt đầu', value: '2025-01-15' },
        { type: 'Input.Time', id: 'meeting', label: 'Giờ họp' },
        {
          type: 'Input.ChoiceSet',
          id: 'fields',
          label: 'Lĩnh vực',
          isMultiSelect: true,
          value: 'hanh_chinh,y_te',
          choices: [
            { title: 'Hành chính', value: 'hanh_chinh' },
            { title: 'Giáo dục', value: 'giao_duc' },
            { title: 'Y tế', value: 'y_te' },
          ],
        },
        { type: 'Input.Toggle', id: 'confidential', title: 'Có nội dung mật', valueOn: 'co', valueOff: 'khong' },
      ],
    },
    {
      type: 'ActionSet',
      actions: [{ type: 'Action.OpenUrl', title: 'Xem Nghị định 73', url: 'https://vanban.chinhphu.vn/nd73' }],
    },
  ],
  actions: [
    { type: 'Action.Execute', title: 'Tiếp tục', verb: 'next', data: { step: 2 } },
    { type: 'Action.ToggleVisibility', title: 'Hiện thêm', targetElements: ['hidden'] },
    {
      type: 'Action.ShowCard',
      title: 'Thêm người phối hợp',
      card: {
        type: 'AdaptiveCard',
        body: [{ type: 'Input.Text', id: 'partner', label: 'Email người phối hợp', isRequired: true }],
        actions: [{ type: 'Action.Submit', title: 'Thêm', data: { op: 'addPartner' } }],
      },
    },
    { type: 'Action.Submit', title: 'Lưu nháp', data: { op: 'save' }, associatedInputs: 'none' },
  ],
};

describe('terminal chat', function () {
  describe('card text renderer', function () {
    it('renders text, facts, columns, images and numbered inputs and actions; ShowCard inline, hidden parts left out', function () {
      const view = renderAdaptiveCard(proposalCard);
      const text = view.lines.join('\n');
      // Markdown shown as text: no bold markers.
      assert.match(text, /^Kế hoạch đề xuất – bước 2\/5$/m);
      assert.doesNotMatch(text, /Nội dung ẩn/);
      assert.match(text, /^Người đề xuất: Nguyễn Văn An$/m);
      assert.match(text, /^Hạn nộp: \d{2}\/\d{2}\/2025$/m);
      assert.match(text, /^Trạng thái {2}\| {2}Bản nháp$/m);
      assert.match(text, /\[Hình ảnh: Biểu trưng UBND tỉnh\]/);
      assert.match(text, /✎ \[ô 1\] Tên đề xuất \(bắt buộc\) \(id: title, văn bản, tối đa 20 ký tự\) = Số hóa/);
      assert.match(text, /✎ \[ô 3\] Ngày bắt đầu \(id: start, ngày dd\/mm\/yyyy\) = 15\/01\/2025/);
      assert.match(text, /✎ \[ô 5\] Lĩnh vực \(id: fields, chọn nhiều, cách nhau bằng dấu phẩy\) = Hành chính, Y tế/);
      assert.match(text, /lựa chọn: 1\) Hành chính {2}2\) Giáo dục {2}3\) Y tế/);
      assert.match(text, /✎ \[ô 6\] Có nội dung mật \(id: confidential, bật\/tắt\) = tắt/);
      assert.match(text, /▶ \[1\] Xem Nghị định 73 → https:\/\/vanban\.chinhphu\.vn\/nd73/);
      assert.match(text, /▶ \[2\] Tiếp tục/);
      assert.doesNotMatch(text, /Hiện thêm/);
      assert.match(text, /▶ \[3\] Thêm người phối hợp ▾\n {4}│ ✎ \[ô 7\] Email người phối hợp \(bắt buộc\)/);
      assert.match(text, / {4}│ ▶ \[4\] Thêm/);
      assert.match(text, /▶ \[5\] Lưu nháp/);
      assert.deepEqual(
        view.actions.map((a) => [a.number, a.kind, a.title]),
        [
          [1, 'openUrl', 'Xem Nghị định 73'],
          [2, 'execute', 'Tiếp tục'],
          [3, 'showCard', 'Thêm người phối hợp'],
          [4, 'submit', 'Thêm'],
          [5, 'submit', 'Lưu nháp'],
        ],
      );
      assert.deepEqual(
        view.inputs.map((i) => i.id),
        ['title', 'budget', 'start', 'meeting', 'fields', 'confidential', 'partner'],
      );
    });

    it('gathers the inputs of an action’s own card and the cards above it, and reports required ones left empty', function () {
      const view = renderAdaptiveCard(proposalCard);
      const values = new Map<string, string>([['budget', '120']]);
      const next = gatherInputs(findAction(view.actions, 'tiep tuc')!, view.inputs, values);
      assert.deepEqual(next.values, {
        title: 'Số hóa',
        budget: '120',
        start: '2025-01-15',
        fields: 'hanh_chinh,y_te',
        confidential: 'khong',
      });
      assert.deepEqual(next.missing, []);

      const add = findAction(view.actions, 'Thêm')!;
      assert.equal(add.number, 4);
      const missing = gatherInputs(add, view.inputs, values);
      assert.deepEqual(
        missing.missing.map((i) => i.id),
        ['partner'],
      );
      values.set('partner', 'tran.thi.binh@demo.laocai.invalid');
      values.set('title', '');
      const again = gatherInputs(add, view.inputs, values);
      assert.deepEqual(
        again.missing.map((i) => i.id),
        ['title'],
        'a ShowCard action also needs the parent card’s inputs',
      );

      const save = gatherInputs(findAction(view.actions, '5')!, view.inputs, values);
      assert.deepEqual(save, { values: {}, missing: [] }, 'associatedInputs none sends no inputs');
    });

    it('parses what the user types for each kind of input, with Vietnamese explanations', function () {
      const { inputs } = renderAdaptiveCard(proposalCard);
      const input = (id: string) => findInput(inputs, id)!;
      assert.deepEqual(parseInputValue(input('fields'), 'giao duc, 3'), { ok: true, value: 'giao_duc,y_te' });
      const bad = parseInputValue(input('fields'), 'Nông nghiệp');
      assert.equal(bad.ok, false);
      assert.match((bad as { error: string }).error, /không có trong lựa chọn của «Lĩnh vực»/);
      assert.deepEqual(parseInputValue(input('start'), '30/11/2025'), { ok: true, value: '2025-11-30' });
      assert.equal(parseInputValue(input('start'), '31/11/2025').ok, false);
      assert.deepEqual(parseInputValue(input('budget'), '12,5'), { ok: true, value: '12.5' });
      assert.match((parseInputValue(input('budget'), '900') as { error: string }).error, /không được lớn hơn 500/);
      assert.deepEqual(parseInputValue(input('meeting'), '9h30'), { ok: true, value: '09:30' });
      assert.deepEqual(parseInputValue(input('confidential'), 'có'), { ok: true, value: 'co' });
      assert.deepEqual(parseInputValue(input('confidential'), 'tắt'), { ok: true, value: 'khong' });
      assert.match((parseInputValue(input('title'), 'x'.repeat(21)) as { error: string }).error, /tối đa 20 ký tự/);
      assert.equal(findInput(inputs, '7')?.id, 'partner');
    });

    it('renders suggested actions and files, names a card kind the bot never sends; typing shows nothing', function () {
      const view = renderActivity({
        type: 'message',
        id: 'm1',
        text: 'Chọn việc cần làm',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.hero',
            content: {
              title: 'Menu',
              buttons: [
                { type: 'imBack', title: 'Tạo đề xuất', value: 'tạo đề xuất' },
                { type: 'openUrl', title: 'Hướng dẫn', value: 'https://example.invalid/hd' },
              ],
            },
          },
          {
            contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            name: 'ke-hoach.docx',
            contentUrl: 'https://files.example.invalid/ke-hoach.docx',
          },
        ],
        suggestedActions: { actions: [{ type: 'imBack', title: 'Việc chờ tôi', value: 'việc chờ tôi' }] },
      })!;
      const text = view.lines.join('\n');
      assert.match(text, /^Chọn việc cần làm$/m);
      assert.match(text, /\[Nội dung loại application\/vnd\.microsoft\.card\.hero\]/);
      assert.match(text, /📎 Tệp: ke-hoach\.docx https:\/\/files\.example\.invalid\/ke-hoach\.docx/);
      assert.match(text, /Gợi ý:\n {2}▶ \[1\] Việc chờ tôi/);
      assert.equal(view.actions[0].activityId, 'm1');
      assert.equal(renderActivity({ type: 'typing' }), undefined);
    });
  });

  describe('activity factory', function () {
    it('gives a person the same ids on every run and builds Teams-shaped activities', function () {
      const aad = deterministicAadObjectId('Nguyen.Van.An@Demo.LaoCai.invalid');
      assert.match(aad, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(aad, deterministicAadObjectId('nguyen.van.an@demo.laocai.invalid'));
      assert.notEqual(aad, deterministicAadObjectId('tran.thi.binh@demo.laocai.invalid'));
      assert.match(stableTeamsUserId('a@b.vn'), /^29:/);

      const user = createChatUser('nguyen.van.an@demo.laocai.invalid', { aadObjectId: 'aad-override' });
      assert.equal(user.aadObjectId, 'aad-override');
      assert.equal(user.name, 'Nguyen Van An');
      const session = createChatSession(user, { serviceUrl: 'http://127.0.0.1:1' });
      const message = messageActivity(session, 'xin chào');
      assert.equal(message.channelId, 'msteams');
      assert.equal(message.from.aadObjectId, 'aad-override');
      assert.equal(message.recipient.id, '28:tro-ly-doi-moi');
      assert.match(message.conversation.id, /^a:/);
      assert.equal(message.conversation.conversationType, 'personal');
      assert.deepEqual(message.channelData, { tenant: { id: 'demo-tenant' } });
      assert.equal(message.locale, 'vi-VN');
      assert.match(message.localTimestamp, /[+-]\d{2}:\d{2}$/);
      const install = installActivity(session);
      assert.equal(install.type, 'conversationUpdate');
      assert.deepEqual(install.membersAdded, [{ id: '28:tro-ly-doi-moi' }]);
    });
  });

  describe('loopback connector', function () {
    let connector: LoopbackConnector;
    let bot: FakeBot;

    before(async function () {
      bot = await startFakeBot();
    });
    after(async function () {
      await bot.stop();
    });
    beforeEach(async function () {
      connector = await new LoopbackConnector().start();
    });
    afterEach(async function () {
      await connector.stop();
    });

    async function call(method: string, path: string, body?: unknown) {
      const response = await fetch(`${connector.serviceUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
    }

    async function postToBot(activity: unknown) {
      const response = await fetch(bot.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
      return { status: response.status, body: await response.text() };
    }

    it('receives a real bot’s replies and answers its roster lookup by the registered member', async function () {
      const user = createChatUser('le.van.cuong@demo.laocai.invalid', { name: 'Lê Văn Cường' });
      connector.addMember({
        id: user.id,
        name: user.name,
        aadObjectId: user.aadObjectId,
        email: user.email,
        upn: user.email,
      });
      const session = createChatSession(user, { serviceUrl: connector.serviceUrl });
      const install = installActivity(session);
      assert.equal((await postToBot(install)).status, 200);
      const greeting = await connector.waitForActivity((a) => a.activity.type === 'message');
      assert.equal(greeting.operation, 'replyToActivity');
      assert.equal(greeting.conversationId, session.conversationId);
      assert.equal(greeting.replyToId, install.id);
      assert.equal(greeting.activity.text, 'Xin chào Lê Văn Cường <le.van.cuong@demo.laocai.invalid>! Tôi là bot thử nghiệm.');
      const lookup = connector.requests.find((r) => r.operation === 'getConversationMember');
      assert.equal(lookup?.memberId, user.id);
      assert.equal(lookup?.status, 200);

      const after = connector.lastSeq;
      assert.equal((await postToBot(messageActivity(session, 'chậm'))).status, 200);
      const late = await connector.waitForActivity((a) => a.activity.type === 'message', { afterSeq: after });
      assert.equal(late.activity.text, 'Trả lời muộn.');
      assert.ok(late.seq > after, 'a reply sent after the HTTP answer is still received');
      assert.deepEqual(
        connector.messages(session.conversationId).map((m) => m.text),
        [greeting.activity.text, 'Trả lời muộn.'],
      );
    });

    it('answers an unknown member with 404, as Teams does, and the bot carries on', async function () {
      const session = createChatSession(createChatUser('khong.co@demo.laocai.invalid'), { serviceUrl: connector.serviceUrl });
      assert.equal((await postToBot(installActivity(session))).status, 200);
      const greeting = await connector.waitForActivity((a) => a.activity.type === 'message');
      assert.match(String(greeting.activity.text), /^Xin chào Khong Co!/);
      const lookup = connector.requests.find((r) => r.operation === 'getConversationMember');
      assert.equal(lookup?.status, 404);
      assert.match(String(bot.rosterLookups.at(-1)?.error), /member could not be found/i);
    });

    it('simulates failures: the next calls answer a chosen status (with Retry-After) or are delayed', async function () {
      connector.failNext(2, { status: 429, retryAfterSeconds: 3, operations: ['sendToConversation'] });
      const first = await call('POST', '/v3/conversations/a%3Ax/activities', { type: 'message', text: 'một' });
      assert.equal(first.status, 429);
      assert.equal(first.headers.get('retry-after'), '3');
      // A call of another kind does not consume the fault.
      assert.equal((await call('GET', '/v3/conversations/a%3Ax/members')).status, 200);
      assert.equal((await call('POST', '/v3/conversations/a%3Ax/activities', { type: 'message', text: 'hai' })).status, 429);
      const third = await call('POST', '/v3/conversations/a%3Ax/activities', { type: 'message', text: 'ba' });
      assert.equal(third.status, 200);
      assert.deepEqual(
        connector.activities.map((a) => [a.conversationId, a.activity.text]),
        [['a:x', 'ba']],
        'rejected calls are not recorded as received',
      );
      assert.deepEqual(
        connector.requests.filter((r) => r.operation === 'sendToConversation').map((r) => [r.status, r.simulated]),
        [
          [429, true],
          [429, true],
          [200, false],
        ],
      );

      connector.failNext(1, { status: 503 });
      const bad = await call('PUT', '/v3/conversations/a%3Ax/activities/123', { type: 'message', text: 'sửa' });
      assert.equal(bad.status, 503);
      assert.deepEqual(bad.body, { error: { code: 'SimulatedFailure', message: 'Simulated failure (HTTP 503)' } });

      connector.delayNext(1, 30);
      const delayed = call('POST', '/v3/conversations/a%3Ax/activities/123', { type: 'message', text: 'trả lời' });
      const pending = connector.waitForActivity((a) => a.operation === 'replyToActivity');
      const reply = await pending;
      assert.equal((await delayed).status, 200);
      assert.equal(reply.replyToId, '123');
    });

    it('records updates, deletions, created conversations, roster pages and attachments', async function () {
      connector.addMember({ id: '29:a', name: 'A', aadObjectId: 'aad-a', email: 'a@demo.laocai.invalid' });
      connector.addMember({ id: '29:b', name: 'B', aadObjectId: 'aad-b', email: 'b@demo.laocai.invalid' });
      connector.setPersonalConversation('aad-a', 'a:existing');

      const created = await call('POST', '/v3/conversations', {
        isGroup: false,
        members: [{ id: 'aad-a' }],
        tenantId: 'demo-tenant',
        activity: { type: 'message', text: 'Nhắc việc' },
      });
      assert.equal(created.status, 200);
      assert.equal((created.body as { id: string }).id, 'a:existing');
      const other = await call('POST', '/v3/conversations', { members: [{ id: '29:b' }] });
      const again = await call('POST', '/v3/conversations', { members: [{ id: '29:b' }] });
      assert.equal((other.body as { id: string }).id, (again.body as { id: string }).id);
      assert.equal(connector.createdConversations.length, 3);
      assert.deepEqual(
        connector.messages('a:existing').map((m) => m.text),
        ['Nhắc việc'],
      );

      assert.equal((await call('PUT', '/v3/conversations/a%3Aexisting/activities/42', { type: 'message', text: 'mới' })).status, 200);
      assert.equal((await call('DELETE', '/v3/conversations/a%3Aexisting/activities/42')).status, 200);
      assert.deepEqual(
        connector.activitiesIn('a:existing').map((a) => [a.operation, a.activityId === '42']),
        [
          ['sendToConversation', false],
          ['updateActivity', true],
          ['deleteActivity', true],
        ],
      );

      const byEmail = await call('GET', `/v3/conversations/a%3Ax/members/${encodeURIComponent('B@demo.laocai.invalid')}`);
      assert.deepEqual(byEmail.body, {
        id: '29:b',
        name: 'B',
        aadObjectId: 'aad-b',
        email: 'b@demo.laocai.invalid',
        userPrincipalName: 'b@demo.laocai.invalid',
        tenantId: 'demo-tenant',
        userRole: 'user',
      });
      const page = await call('GET', '/v3/conversations/a%3Ax/pagedmembers?pageSize=1');
      assert.equal((page.body as { members: unknown[] }).members.length, 1);
      const next = await call(
        'GET',
        `/v3/conversations/a%3Ax/pagedmembers?pageSize=1&continuationToken=${(page.body as { continuationToken: string }).continuationToken}`,
      );
      assert.deepEqual(
        (next.body as { members: Array<{ id: string }> }).members.map((m) => m.id),
        ['29:b'],
      );

      const upload = await call('POST', '/v3/conversations/a%3Ax/attachments', {
        name: 'ke-hoach.txt',
        type: 'text/plain',
        originalBase64: Buffer.from('Kế hoạch').toString('base64'),
      });
      const id = (upload.body as { id: string }).id;
      const info = await call('GET', `/v3/attachments/${id}`);
      assert.equal((info.body as { name: string }).name, 'ke-hoach.txt');
      const bytes = await fetch(`${connector.serviceUrl}/v3/attachments/${id}/views/original`);
      assert.equal(await bytes.text(), 'Kế hoạch');

      const unknown = await call('GET', '/v3/teams/19%3Ateam/conversations');
      assert.equal(unknown.status, 404);
      assert.equal(connector.requests.at(-1)?.operation, 'unknown');
    });
  });

  describe('npm run chat against a running bot', function () {
    this.timeout(60_000);
    let bot: FakeBot;
    let home: string;

    before(async function () {
      bot = await startFakeBot();
      home = await mkdtemp(join(tmpdir(), 'chat-home-'));
    });
    after(async function () {
      await bot.stop();
      await rm(home, { recursive: true, force: true });
    });

    function runChat(
      args: string[],
      input: string,
      env: Record<string, string> = {},
    ): Promise<{ code: number | null; stdout: string; stderr: string }> {
      return new Promise((resolvePromise, reject) => {
        const base = { ...process.env };
        delete base.PORT;
        const child = spawn(process.execPath, ['--import', 'tsx', CHAT_SCRIPT, ...args], {
          cwd: ROOT,
          env: { ...base, HOME: home, USERPROFILE: home, NODE_NO_WARNINGS: '1', ...env },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.on('error', reject);
        child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
        child.stdin.end(input);
      });
    }

    it('greets, echoes, renders the card, fills inputs, presses Action.Execute and Action.Submit', async function () {
      const email = 'x@demo.laocai.invalid';
      const script = [
        'xin chào',
        'thẻ',
        '/click Gửi đề xuất',
        '/set title Số hóa hồ sơ một cửa',
        '/set field giao duc',
        '/set deadline 30/11/2025',
        '/click 1',
        '/quit',
        'không được gửi',
      ].join('\n');
      const { code, stdout, stderr } = await runChat(['--as', email, '--url', bot.url], `${script}\n`);
      assert.equal(code, 0, stderr);
      const expectedInOrder = [
        'Đang kết nối tới bot tại',
        `Xin chào X <${email}>! Tôi là bot thử nghiệm.`,
        'Bạn: xin chào',
        'Bạn vừa nói: xin chào',
        FAKE_BOT_CARD_TITLE,
        'Đơn vị: Sở Nội vụ',
        '✎ [ô 1] Tên đề xuất (bắt buộc) (id: title, văn bản) = «chưa nhập»',
        '✎ [ô 2] Lĩnh vực (id: field, chọn một) = Hành chính',
        '▶ [1] Gửi đề xuất',
        '▶ [2] Lưu nháp',
        'Cần điền «Tên đề xuất» trước khi bấm «Gửi đề xuất»',
        'Đã điền «Tên đề xuất» = Số hóa hồ sơ một cửa',
        'Đã điền «Lĩnh vực» = Giáo dục',
        'Đã điền «Hạn hoàn thành» = 30/11/2025',
        'Thẻ đã được cập nhật:',
        'Đã ghi nhận đề xuất «Số hóa hồ sơ một cửa»',
        'Thao tác: submitProposal',
        'Lĩnh vực: giao_duc',
        'Hạn: 2025-11-30',
        'Bước: 1',
      ];
      let from = 0;
      for (const expected of expectedInOrder) {
        const at = stdout.indexOf(expected, from);
        assert.ok(at >= 0, `expected «${expected}» after position ${from} in:\n${stdout}`);
        from = at + expected.length;
      }
      assert.doesNotMatch(stdout, /không được gửi/, 'nothing after /quit is sent');

      // What the bot saw is what Teams sends.
      const mine = bot.received.filter((a) => a.from?.aadObjectId === deterministicAadObjectId(email));
      assert.deepEqual(
        mine.map((a) => a.type),
        ['conversationUpdate', 'message', 'message', 'invoke'],
      );
      const [install, hello, , invoke] = mine;
      assert.deepEqual(install.membersAdded, [{ id: '28:tro-ly-doi-moi' }]);
      assert.equal(hello.channelId, 'msteams');
      assert.equal(hello.text, 'xin chào');
      assert.equal(hello.conversation?.conversationType, 'personal');
      assert.match(String(hello.serviceUrl), /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(new Set(mine.map((a) => a.conversation?.id)).size, 1);
      assert.equal(invoke.name, 'adaptiveCard/action');
      assert.deepEqual(invoke.value, {
        action: {
          type: 'Action.Execute',
          verb: 'submitProposal',
          data: { step: 1, title: 'Số hóa hồ sơ một cửa', field: 'giao_duc', deadline: '2025-11-30' },
        },
        trigger: 'manual',
      });
      assert.ok(invoke.replyToId, 'the invoke names the message that carried the card');

      const state = JSON.parse(await readFile(join(home, '.tro-ly-doi-moi-chat.json'), 'utf8')) as {
        conversations: Record<string, { conversationId: string }>;
      };
      assert.equal(state.conversations[email].conversationId, hello.conversation?.id);
    });

    it('sends Action.Submit as a message with the inputs as value, and --resume reuses the conversation', async function () {
      const email = 'y@demo.laocai.invalid';
      await runChat(['--as', email, '--url', bot.url, '--no-greeting'], 'xin chào\n');
      const first = bot.received.filter((a) => a.from?.aadObjectId === deterministicAadObjectId(email));
      assert.deepEqual(
        first.map((a) => a.type),
        ['message'],
        '--no-greeting sends no conversationUpdate',
      );

      const saveDir = join(home, 'tep-nhan');
      const { code, stdout, stderr } = await runChat(
        ['--as', email, '--url', bot.url, '--resume', '--save-dir', saveDir],
        // Another card comes between the file consent card and the click: the file's name must come from the
        // card the button is on, not from the latest card.
        ['thẻ', '/set 1 Bản nháp', '/set 3 2025-12-01', '/click lưu nháp', 'tệp', 'gửi tệp', 'thẻ', '/click Chấp nhận'].join('\n'),
      );
      assert.equal(code, 0, stderr);
      assert.match(stdout, /📎 Tệp: ke-hoach\.txt \(dữ liệu nhúng, \d+ B\)/);
      assert.match(stdout, /📎 Tệp: ke-hoach\.docx https:\/\/files\.example\.invalid\/ke-hoach\.docx/);
      const saved = /Đã nhận tệp «ke-hoach\.txt», lưu tại (.+)$/m.exec(stdout);
      assert.ok(saved, stdout);
      assert.equal(await readFile(saved[1], 'utf8'), FAKE_BOT_FILE_TEXT);
      // File consent, as Teams does it: accept, the bot uploads to the given URL, then sends the file's card.
      assert.match(
        stdout,
        /📎 Trợ lý muốn gửi tệp «bao-cao\.txt» \(\d+ B\)\.\n {4}Báo cáo năm\n {4}▶ \[1\] Chấp nhận\n {4}▶ \[2\] Từ chối/,
      );
      const uploaded = /Đã nhận tệp «bao-cao\.txt», lưu tại (.+)$/m.exec(stdout);
      assert.ok(uploaded, stdout);
      assert.equal(await readFile(uploaded[1], 'utf8'), FAKE_BOT_FILE_TEXT);
      assert.match(stdout, /📎 Tệp: bao-cao\.txt http:\/\/127\.0\.0\.1:\d+\/uploads\/file-[0-9a-f]+/);
      const consent = bot.received.find((a) => a.name === 'fileConsent/invoke');
      assert.deepEqual((consent?.value as { action?: string; context?: unknown }).context, { file: 'bao-cao' });
      assert.match(stdout, /Tiếp tục cuộc trò chuyện a:/);
      assert.match(stdout, /Đã nhận dữ liệu: \{"kind":"draft","title":"Bản nháp","field":"hanh_chinh","deadline":"2025-12-01"\}/);
      const all = bot.received.filter((a) => a.from?.aadObjectId === deterministicAadObjectId(email));
      assert.equal(new Set(all.map((a) => a.conversation?.id)).size, 1);
      const submit = all.find((a) => a.value !== undefined)!;
      assert.equal(submit.type, 'message');
      assert.equal(submit.text, undefined);
      assert.ok(submit.replyToId);
    });

    it('says clearly that the bot is not running, and exits 1', async function () {
      const server = createServer();
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((r) => server.close(() => r()));
      const url = `http://127.0.0.1:${port}/api/messages`;
      const { code, stderr } = await runChat(['--as', 'z@demo.laocai.invalid', '--url', url], 'xin chào\n');
      assert.equal(code, 1);
      assert.match(
        stderr,
        new RegExp(
          `Không kết nối được tới bot tại ${url.replace(/[.]/g, '\\.')}\\. Nếu bot chưa chạy, hãy chạy \`npm start\` ở một cửa sổ khác; nếu bot đang chạy, kiểm tra lại địa chỉ --url\\.`,
        ),
      );

      // Without --url the address comes from PORT, as `npm start` reads it, and the message says how to change it.
      const fromPort = await runChat(['--as', 'z@demo.laocai.invalid'], 'xin chào\n', { PORT: String(port) });
      assert.equal(fromPort.code, 1);
      assert.match(
        fromPort.stdout,
        new RegExp(`Đang kết nối tới bot tại http://127\\.0\\.0\\.1:${port}/api/messages \\(cổng lấy từ biến PORT\\)`),
      );
      assert.match(fromPort.stderr, /nếu bot đang chạy ở cổng khác, đặt PORT=<cổng> hoặc dùng --url/);
    });

    it('takes the bot address from PORT when there is no --url, and says so', async function () {
      const port = new URL(bot.url).port;
      const { code, stdout, stderr } = await runChat(['--as', 'p@demo.laocai.invalid'], 'xin chào\n', { PORT: port });
      assert.equal(code, 0, stderr);
      assert.match(stdout, new RegExp(`Đang kết nối tới bot tại http://127\\.0\\.0\\.1:${port}/api/messages \\(cổng lấy từ biến PORT\\)`));
      assert.match(stdout, /Bạn vừa nói: xin chào/);
    });

    it('clicks a named button of an earlier card, labels cards meant for others, and shows markdown as text', async function () {
      const email = 'q@demo.laocai.invalid';
      const script = ['danh sách', '/click 3', '/click ĐX-2026-0001', 'trình lãnh đạo', '/click Phê duyệt', 'kinh phí'].join('\n');
      const { code, stdout, stderr } = await runChat(['--as', email, '--url', bot.url, '--no-greeting'], `${script}\n`);
      assert.equal(code, 0, stderr);
      // After "Menu" re-sent a menu card, the list's button still works by its name.
      assert.match(stdout, /Tạo đề xuất mới/);
      assert.match(stdout, /Nút «ĐX-2026-0001» của một thẻ trước đó/);
      assert.match(stdout, /Đã nhận dữ liệu: \{"open":"ĐX-2026-0001"\}/);
      // The head's card is labelled with its addressee and is not the card /click acts on.
      assert.match(stdout, /→ gửi cho Nguyễn Thị Lan: Xem xét kế hoạch ĐX-2026-0001 \(dùng --all để xem đầy đủ\)/);
      assert.match(stdout, /Không tìm thấy nút «Phê duyệt»/);
      assert.equal(
        bot.received.filter((a) => (a.value as { approve?: boolean } | undefined)?.approve).length,
        0,
        'nothing approved as someone else',
      );
      // Markdown escapes are not shown.
      assert.match(stdout, /Kinh phí: 1\.200 triệu đồng/);
      assert.match(stdout, /Tổng 1\.200 triệu đồng/);
      assert.doesNotMatch(stdout, /1\\\.200|\*\*/);

      // With --all the card for the other person is shown in full, still labelled.
      const all = await runChat(['--as', email, '--url', bot.url, '--no-greeting', '--all'], 'trình lãnh đạo\n');
      assert.match(all.stdout, /Trợ lý Đổi mới → gửi cho Nguyễn Thị Lan:\n[\s\S]*Xem xét kế hoạch ĐX-2026-0001[\s\S]*Phê duyệt/);
    });

    it('refuses to start without --as', async function () {
      const { code, stderr } = await runChat([], '');
      assert.equal(code, 1);
      assert.match(stderr, /Thiếu tùy chọn --as <email>/);
    });
  });
});
