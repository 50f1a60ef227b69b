// Obstacle reports at any time, over HTTP: "báo vướng mắc" (with and without diacritics, or the menu
// button) opens the short dialog; an empty text is asked again and nothing is stored; the report goes to
// Home Affairs and, when chosen, the head; only the author, that head and Home Affairs read it; Home
// Affairs answers, groups, forwards and resolves, the author is told each step, every change audited;
// the dashboard lists them by field and status, and the yearly report has their section.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { messageActivity } from '../tools/chat/activity-factory.js';
import { generateAnnualReport } from '../services/reports/annual-report-service.js';
import { defaultWorkflowConfig } from '../services/workflow/workflow-config.js';
import { allText, startDemoHarness, type BotHarness, type TestUser } from './helpers/bot-harness.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { WebClient, webText } from './helpers/web-client.js';

const STAFF = 'cv.qlkh@test.invalid';
const HA_HEAD = 'gd.snv@test.invalid';
const SC_HEAD = 'gd.skhcn@test.invalid'; // head of the staff member's employing unit (Sở KH&CN)
const STRANGER = 'pgd.skhcn@test.invalid';

describe('obstacle reports ("báo vướng mắc")', function () {
  this.timeout(240_000);
  let h: BotHarness;
  let staff: TestUser;
  let ha: TestUser;
  let scHead: TestUser;
  let stranger: TestUser;
  const ds = () => h.db.dataSource;
  const count = async () => Number((await ds().query(`SELECT count(*)::int AS n FROM obstacle_report`))[0].n);
  const say = async (u: TestUser, text: string) => allText(await u.say(text));
  /** What the author's conversation received since `seq` (proactive notices included). */
  const toldSince = (u: TestUser, seq: number) =>
    h.connector
      .activitiesIn(u.conversationId)
      .filter((a) => a.seq > seq)
      .map((a) => allText([a.activity]))
      .join('\n');

  before(async () => {
    h = await startDemoHarness({}, async (db) => {
      await seedTestDirectory(db.dataSource);
    });
    staff = h.user(STAFF);
    ha = h.user(HA_HEAD);
    scHead = h.user(SC_HEAD);
    stranger = h.user(STRANGER);
    // Each has talked to the bot once, so notices can reach their Teams chat.
    for (const u of [staff, ha, scHead, stranger]) await u.say('menu');
  });
  after(async () => h?.close());

  it('the menu offers it; an empty text is asked again and nothing is stored; "hủy" stops', async () => {
    const menu = await say(staff, 'menu');
    assert.match(menu, /Báo vướng mắc/);
    assert.match(await say(staff, 'bao vuong mac'), /mô tả khó khăn, vướng mắc/);
    const empty = await staff.post(messageActivity(staff.session, '   '));
    assert.match(allText(empty.replies), /Chưa có nội dung vướng mắc nên chưa ghi nhận gì/);
    assert.equal(await count(), 0);
    assert.match(await say(staff, 'hủy'), /Đã dừng, không ghi nhận vướng mắc nào/);
    assert.equal(await count(), 0);
    // The text can come with the command; it is still not stored before the last answer.
    assert.match(await say(staff, 'Báo vướng mắc: chưa có mẫu kế hoạch cho cấp xã'), /thuộc lĩnh vực nào/);
    assert.match(await say(staff, 'thoi'), /Đã dừng/);
    assert.equal(await count(), 0);
  });

  it('the dialog: text, field (no diacritics), provision, head; goes to Home Affairs and the head', async () => {
    const haSeq = h.connector.lastSeq;
    const clicked = await staff.execute('menu.obstacle');
    assert.equal(clicked.status, 200);
    assert.match(allText(clicked.replies), /mô tả khó khăn/);
    assert.match(
      await say(staff, 'Chưa có hướng dẫn cách tính thời hạn 07 ngày làm việc khi đề xuất gửi qua nhiều cấp.'),
      /thuộc lĩnh vực nào/,
    );
    assert.match(await say(staff, 'xyz'), /Chưa nhận ra lĩnh vực/);
    assert.match(await say(staff, 'chuyen doi so'), /văn bản, điều khoản nào/);
    assert.match(await say(staff, 'Điều 8 Nghị định 73/2023/NĐ-CP'), /gửi đồng thời cho Phạm Văn Khoa/);
    assert.match(await say(staff, 'co'), /Đã ghi nhận vướng mắc VM-1 và chuyển đến Sở Nội vụ và Phạm Văn Khoa/);
    const [row] = await ds().query(
      `SELECT r.field, r.provision, r.status, h.email AS head FROM obstacle_report r LEFT JOIN officer h ON h.id = r.head_id`,
    );
    assert.deepEqual(row, { field: 'chuyen_doi_so', provision: 'Điều 8 Nghị định 73/2023/NĐ-CP', status: 'open', head: SC_HEAD });
    assert.match(toldSince(ha, haSeq), /Vướng mắc mới VM-1 khi áp dụng Nghị định 73 \(Chuyển đổi số\), do Nguyễn Thị Chuyên/);
    assert.match(toldSince(scHead, haSeq), /Vướng mắc mới VM-1/);
    assert.doesNotMatch(toldSince(stranger, haSeq), /VM-1/);
  });

  it('only the author, the chosen head and Home Affairs read it; only Home Affairs acts', async () => {
    assert.match(await say(staff, 'xem vướng mắc VM-1'), /Chưa có hướng dẫn cách tính thời hạn/);
    const head = await say(scHead, 'XEM VƯỚNG MẮC VM-1');
    assert.match(head, /Chưa có hướng dẫn/);
    assert.doesNotMatch(head, /Chuyển kiến nghị/);
    assert.match(await say(ha, 'XEM VƯỚNG MẮC VM-1'), /Chuyển kiến nghị/);
    assert.match(await say(stranger, 'XEM VƯỚNG MẮC VM-1'), /Không tìm thấy vướng mắc này, hoặc anh\/chị không có quyền xem/);
    assert.match(await say(ha, 'danh sach vuong mac'), /VM-1 – Chuyển đổi số – Nguyễn Thị Chuyên \(Chờ xử lý\)/);
    assert.match(await say(stranger, 'DANH SÁCH VƯỚNG MẮC'), /Không có vướng mắc nào chờ xử lý/);
    assert.match(await say(stranger, 'TRẢ LỜI VƯỚNG MẮC VM-1 tự trả lời'), /Chỉ cán bộ Sở Nội vụ xử lý vướng mắc/);
    const clicked = await stranger.execute('obstacle.resolve', { code: 'VM-1' });
    assert.match(JSON.stringify(clicked.body), /Chỉ cán bộ Sở Nội vụ xử lý vướng mắc/);
    assert.equal((await ds().query(`SELECT status FROM obstacle_report`))[0].status, 'open');
  });

  it('Home Affairs answers, groups, forwards and resolves; the author is told each step; all audited', async () => {
    // A second, similar report, not sent to the head.
    await say(staff, 'báo vướng mắc');
    await say(staff, 'Thời hạn 07 ngày làm việc khi hồ sơ chuyển qua Sở Nội vụ chưa rõ.');
    await say(staff, '1');
    await say(staff, 'bỏ qua');
    assert.match(await say(staff, 'không'), /Đã ghi nhận vướng mắc VM-2 và chuyển đến Sở Nội vụ\. /);
    assert.equal((await ds().query(`SELECT head_id FROM obstacle_report WHERE seq = 2`))[0].head_id, null);

    let seq = h.connector.lastSeq;
    assert.match(await say(ha, 'TRẢ LỜI VƯỚNG MẮC VM-1'), /Cần nội dung trả lời/);
    assert.match(await say(ha, 'TRẢ LỜI VƯỚNG MẮC VM-1 Sở Nội vụ sẽ có văn bản hướng dẫn trong tháng.'), /Đã gửi trả lời vướng mắc VM-1/);
    assert.match(toldSince(staff, seq), /Sở Nội vụ đã trả lời vướng mắc VM-1 của anh\/chị:\s+Sở Nội vụ sẽ có văn bản hướng dẫn/);

    seq = h.connector.lastSeq;
    assert.match(await say(ha, 'gộp vướng mắc vm-2 VM-1'), /Đã gộp vướng mắc VM-2 vào VM-1/);
    assert.match(toldSince(staff, seq), /Vướng mắc VM-2 của anh\/chị được gộp với vướng mắc tương tự VM-1/);

    seq = h.connector.lastSeq;
    const forwarded = await ha.execute('obstacle.forward', { code: 'VM-1', text: 'Kiến nghị Bộ Nội vụ hướng dẫn cách tính thời hạn.' });
    assert.match(JSON.stringify(forwarded.body), /Đã chuyển vướng mắc VM-1 thành kiến nghị chính sách/);
    assert.match(toldSince(staff, seq), /Vướng mắc VM-1 của anh\/chị đã được Sở Nội vụ tổng hợp thành kiến nghị/);
    assert.match(await say(ha, 'GIẢI QUYẾT VƯỚNG MẮC VM-1 xong'), /Vướng mắc VM-1 đã được giải quyết hoặc chuyển thành kiến nghị/);

    seq = h.connector.lastSeq;
    assert.match(await say(ha, 'GIẢI QUYẾT VƯỚNG MẮC VM-2'), /Đã đánh dấu vướng mắc VM-2 là đã giải quyết/);
    assert.match(toldSince(staff, seq), /Vướng mắc VM-2 của anh\/chị đã được giải quyết/);

    const audit = await ds().query(
      `SELECT action, from_status, data->>'code' AS code FROM audit_event WHERE action LIKE 'obstacle.%' ORDER BY id`,
    );
    assert.deepEqual(
      audit.map((a: { action: string; code: string }) => `${a.action} ${a.code}`),
      [
        'obstacle.reported VM-1',
        'obstacle.reported VM-2',
        'obstacle.answered VM-1',
        'obstacle.grouped VM-2',
        'obstacle.forwarded VM-1',
        'obstacle.resolved VM-2',
      ],
    );
  });

  it('the dashboard lists them by field and status, to whom may read them', async () => {
    const [haId, staffId, strangerId] = await Promise.all(
      [HA_HEAD, STAFF, STRANGER].map(async (e) => (await ds().query(`SELECT id FROM officer WHERE email = $1`, [e]))[0].id as string),
    );
    const web = new WebClient(h.url);
    await web.signInDemo(haId);
    const res = await web.get('/web/api/dashboard/obstacles');
    assert.equal(res.status, 200);
    const byField = res.body.byField as { label: string; counts: Record<string, number>; items: { code: string }[] }[];
    assert.equal(res.body.total, 2);
    const it = (label: string) => byField.find((g) => g.label === label)!;
    assert.deepEqual(it('Chuyển đổi số').counts, { open: 0, answered: 0, resolved: 0, forwarded: 1 });
    assert.deepEqual(it('Cải cách hành chính').counts, { open: 0, answered: 0, resolved: 1, forwarded: 0 });

    const author = new WebClient(h.url);
    await author.signInDemo(staffId);
    assert.equal((await author.get('/web/api/dashboard/obstacles')).body.total, 2);
    const other = new WebClient(h.url);
    await other.signInDemo(strangerId);
    assert.equal((await other.get('/web/api/dashboard/obstacles')).body.total, 0);
    assert.equal((await new WebClient(h.url).get('/web/api/dashboard/obstacles')).status, 401);
    // The dashboard page shows them through its own script.
    const page = await (await fetch(`${h.url}/dashboard`)).text();
    assert.match(page, /id="table-obstacles"/);
    const script = await fetch(`${h.url}/static/dashboard-obstacles.js`);
    assert.equal(script.status, 200);
    assert.match(await script.text(), /\/web\/api\/dashboard\/obstacles/);
  });

  it('the yearly report gets the section from them', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'obstacles-'));
    try {
      const year = Number((await ds().query(`SELECT extract(year FROM now())::int AS y`))[0].y);
      const r = await generateAnnualReport(ds(), { year, unitCode: 'SKHCN', outDir: dir, config: defaultWorkflowConfig });
      const text = (await mammoth.extractRawText({ path: r.docxPath })).value;
      assert.match(text, /V\. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT/);
      assert.match(text, /2\. Khó khăn, vướng mắc khi áp dụng Nghị định do cán bộ phản ánh: 2 lượt/);
      assert.match(text, /VM-1 \(Chuyển đổi số; Điều 8 Nghị định 73\/2023\/NĐ-CP\): Chưa có hướng dẫn cách tính/);
      assert.match(text, /3\. Kiến nghị, đề xuất/);
      const other = await generateAnnualReport(ds(), { year, unitCode: 'SNV', outDir: dir, config: defaultWorkflowConfig });
      assert.match((await mammoth.extractRawText({ path: other.docxPath })).value, /Không có vướng mắc nào do cán bộ phản ánh trong năm/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the web chat gets it through the same menu button', async () => {
    const [staffId] = (await ds().query(`SELECT id FROM officer WHERE email = $1`, [STAFF])).map((r: { id: string }) => r.id);
    const web = new WebClient(h.url);
    await web.signInDemo(staffId);
    assert.equal((await web.post('/web/api/start')).status, 200);
    assert.equal((await web.post('/web/api/invoke', { verb: 'menu.obstacle', data: {} })).status, 200);
    // An empty message is refused by the web API itself (400); nothing is stored.
    assert.equal((await web.post('/web/api/messages', { text: '' })).status, 400);
    assert.equal(await count(), 2);
    const steps: [string, RegExp][] = [
      ['Quy định 32-QĐ/TU và Nghị định 73 nêu khác nhau về người được bảo vệ.', /thuộc lĩnh vực nào/],
      ['Tổ chức bộ máy', /văn bản, điều khoản nào/],
      ['bo qua', /gửi đồng thời cho Phạm Văn Khoa/],
      ['khong', /Đã ghi nhận vướng mắc VM-3 và chuyển đến Sở Nội vụ\./],
    ];
    for (const [text, expected] of steps) {
      const res = await web.post('/web/api/messages', { text });
      assert.equal(res.status, 200);
      assert.match(webText(res.body.replies), expected, `after «${text}»`);
    }
    const [row] = await ds().query(`SELECT field, provision, channel, head_id FROM obstacle_report WHERE seq = 3`);
    assert.deepEqual(row, { field: 'to_chuc_bo_may_nhan_su', provision: null, channel: 'web', head_id: null });
  });
});
