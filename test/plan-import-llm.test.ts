// Issue 18 item 3, extraction: with LLM_BASE_URL set, the parts a narrative Word draft's headings did not
// give are asked of the OpenAI-compatible service (a loopback fake speaking its wire format). Only the
// document's text goes out, without the directory's names, e-mails and phones; each value passes the
// wizard's rule (an invalid one is dropped) and is shown as "bản nháp do máy đề xuất"; garbage, an error
// or a timeout leaves the headings' reading with a note. Nothing is stored before "đồng ý".
import assert from 'node:assert/strict';
import { Document, Packer, Paragraph } from 'docx';
import { parseExtraction } from '../services/plan-import/plan-extractor.js';
import { scrubPersonalData } from '../services/plan-import/plan-text-scrub.js';
import { attachmentActivity } from '../tools/chat/activity-factory.js';
import { allText, startHarness, type BotHarness, type TestUser } from './helpers/bot-harness.js';
import { FakeChatCompletions } from './helpers/fake-chat-completions.js';
import { FileServer } from './helpers/file-server.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { MANAGER, NEXT_YEAR, plain } from './helpers/wizard-script.js';

const Y = NEXT_YEAR;

/** A narrative: a title, who wrote it, and prose under four headings; purpose, scope, period … in sentences. */
function narrative(): Promise<Buffer> {
  const lines = [
    'KẾ HOẠCH ĐỀ XUẤT ĐỔI MỚI, SÁNG TẠO',
    'Ứng dụng chữ ký số trong hồ sơ cán bộ, công chức của Sở',
    'Người soạn: Hoàng Văn Trưởng (tp.qlkh@test.invalid, ĐT 0912 345 678).',
    'Sự cần thiết',
    'Hồ sơ cán bộ đang lưu bằng giấy ở nhiều phòng; việc tra cứu mất nhiều ngày và bản sao không thống nhất.',
    'Nội dung',
    `Chúng tôi đề xuất số hóa toàn bộ hồ sơ và ký số các bản sao, với mục tiêu tra cứu hồ sơ trong một ngày làm việc. Việc thực hiện tại các phòng thuộc Sở, từ ngày 01/02/${Y} đến ngày 30/09/${Y}. Quy chế lưu trữ của Sở hiện chưa công nhận bản điện tử có chữ ký số. Sở đã có hệ thống quản lý văn bản và chứng thư số cho lãnh đạo các phòng.`,
    'Kinh phí',
    'Dự kiến 1,2 tỷ đồng; nguồn: ngân sách tỉnh cấp cho chuyển đổi số.',
    'Kết quả dự kiến',
    '100% hồ sơ được số hóa; thời gian tra cứu dưới 1 ngày.',
  ];
  return Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] }));
}

const EXTRACTED = {
  field: 'Chuyển đổi số',
  purpose: 'Tra cứu hồ sơ cán bộ trong một ngày làm việc.',
  requirements: 'Bảo mật hồ sơ cán bộ, phân quyền theo từng phòng.',
  bottleneck: 'Quy chế lưu trữ của Sở chưa công nhận bản điện tử có chữ ký số.',
  scope: 'Các phòng thuộc Sở.',
  startDate: `01/02/${Y}`,
  endDate: `30/09/${Y}`,
  feasibility: 'Sở đã có hệ thống quản lý văn bản và chứng thư số cho lãnh đạo các phòng.',
  // Invalid for its rule (no date): dropped, never shown.
  milestones: 'sớm nhất có thể',
  // Never asked: the parts that name people, and the self-check.
  implementers: 'Hoàng Văn Trưởng',
  c1: 'Có',
};

describe('plan import: the parts a narrative draft leaves out, read by an OpenAI-compatible service', function () {
  this.timeout(300_000);
  const llm = new FakeChatCompletions();
  let files: FileServer;
  let h: BotHarness;

  before(async function () {
    this.timeout(240_000);
    await llm.start();
    files = await new FileServer().start();
    h = await startHarness({
      seed: (db) => seedTestDirectory(db.dataSource),
      env: {
        PLAN_IMPORT_TEAMS_FILE_HOSTS: '127.0.0.1',
        LLM_BASE_URL: llm.baseUrl,
        LLM_API_KEY: 'test-key',
        LLM_MODEL: 'fake-model',
        LLM_TIMEOUT_MS: '3000',
      },
    });
  });
  after(async () => {
    await h?.close();
    await files?.stop();
    await llm.stop();
  });

  const count = async () => (await h.db.dataSource.query(`SELECT count(*)::int AS n FROM proposal`))[0].n as number;
  const sendFile = async (user: TestUser, name: string, body: Buffer) => {
    const downloadUrl = files.add(name, body);
    const activity = attachmentActivity(user.session, [
      { contentType: 'application/vnd.microsoft.teams.file.download.info', contentUrl: downloadUrl, name, content: { downloadUrl } },
    ]);
    const { status, replies } = await user.post(activity);
    assert.equal(status, 200);
    return plain(allText(replies));
  };

  it('asks only for the missing parts, from the scrubbed text; marks valid values as the machine’s draft, drops the invalid one', async () => {
    llm.captured.length = 0;
    llm.reply = { status: 200, content: '```json\n' + JSON.stringify(EXTRACTED) + '\n```' };
    const officer = h.user(MANAGER);
    const preview = await sendFile(officer, 'chu-ky-so.docx', await narrative());

    assert.equal(llm.captured.length, 1);
    const { body } = llm.captured[0]!;
    assert.equal(body.model, 'fake-model');
    const [system, user] = body.messages;
    assert.equal(system!.role, 'system');
    assert.match(system!.content, /Chỉ trả lời một đối tượng JSON/);
    assert.match(user!.content, /Hồ sơ cán bộ đang lưu bằng giấy/);
    assert.match(user!.content, /^purpose: Mục đích$/m);
    assert.match(user!.content, /^field: Lĩnh vực$/m);
    assert.doesNotMatch(
      user!.content,
      /^(implementers|resourcesPeople|c1|necessity|title):/m,
      'people, the self-check and parts read are not asked',
    );
    assert.doesNotMatch(JSON.stringify(body), /Hoàng Văn Trưởng|tp\.qlkh@test\.invalid|0912 345 678/);
    assert.match(user!.content, /Người soạn: \[tên\] \(\[email\], ĐT \[số điện thoại\]\)/);

    assert.match(preview, /Trợ lý máy đã đề xuất 8 mục còn thiếu[\s\S]*1 mục máy đề xuất chưa đạt yêu cầu nên đã bỏ/);
    assert.match(preview, /🤖 Mục đích \(bản nháp do máy đề xuất, anh\/chị kiểm tra\)[\s\S]*Tra cứu hồ sơ cán bộ trong một ngày/);
    assert.match(preview, /🤖 Lĩnh vực \(bản nháp do máy đề xuất[\s\S]*Chuyển đổi số/);
    assert.match(preview, /✅ Sự cần thiết/);
    assert.doesNotMatch(preview, /sớm nhất có thể/);
    assert.doesNotMatch(preview, /🤖 Người thực hiện|🤖 Điều kiện/);
    assert.equal(await count(), 0, 'nothing stored before the confirmation');

    // The officer's own words replace the machine's draft, which is then no longer marked.
    const edited = plain(allText(await officer.say('Mục đích: Tra cứu mọi hồ sơ cán bộ trong một ngày làm việc.')));
    assert.match(edited, /Đã cập nhật 1 mục/);
    assert.match(edited, /✅ Mục đích[\s\S]*Tra cứu mọi hồ sơ/);
    assert.match(edited, /🤖 Phạm vi/);

    assert.match(plain(allText(await officer.say('đồng ý'))), /Đã lưu \d+ mục từ tài liệu vào bản nháp/);
    const [row] = await h.db.dataSource.query(`SELECT plan FROM proposal ORDER BY created_at DESC LIMIT 1`);
    assert.equal(row.plan.field, 'chuyen_doi_so');
    assert.equal(row.plan.startDate, `${Y}-02-01`);
    assert.equal(row.plan.purpose, 'Tra cứu mọi hồ sơ cán bộ trong một ngày làm việc.');
    assert.deepEqual(row.plan.milestones ?? [], [], 'the invalid value is never stored (the optional part is left empty)');
    assert.equal(row.plan.implementers, undefined, 'a part never asked is never taken');
  });

  for (const [label, setup, note] of [
    [
      'garbage (not JSON)',
      () => (llm.reply = { status: 200, content: 'Xin lỗi, tôi chỉ tìm được: {"purpose": "Tra cứu' }),
      /trả lời không đúng định dạng/,
    ],
    [
      'a JSON array',
      () => (llm.reply = { status: 200, content: '[{"purpose": "Tra cứu hồ sơ trong một ngày"}]' }),
      /trả lời không đúng định dạng/,
    ],
    ['an error', () => (llm.reply = { status: 500, content: '' }), /không trả lời kịp hoặc đang lỗi/],
    [
      'a timeout',
      () => {
        llm.reply = { status: 200, content: JSON.stringify(EXTRACTED) };
        llm.delayMs = 6000;
      },
      /không trả lời kịp hoặc đang lỗi/,
    ],
  ] as const) {
    it(`falls back to the headings' reading with a note on ${label}; nothing stored`, async () => {
      setup();
      const stored = await count();
      try {
        const officer = h.user(MANAGER);
        const preview = await sendFile(officer, 'chu-ky-so.docx', await narrative());
        assert.match(preview, note);
        assert.match(preview, /Dưới đây là những gì tôi đọc được theo các tiêu đề/);
        assert.doesNotMatch(preview, /🤖/);
        assert.match(preview, /❌ Mục đích: chưa có trong tài liệu/);
        assert.match(preview, /✅ Sự cần thiết/);
        assert.match(plain(allText(await officer.say('hủy'))), /không có gì được lưu/);
        assert.equal(await count(), stored);
      } finally {
        llm.delayMs = 0;
      }
    });
  }

  it('keeps only asked keys with text values, and takes the directory’s names, e-mails and phones out', () => {
    assert.deepEqual(
      parseExtraction('{"purpose": " Mục đích rõ ", "scope": 12, "c1": "Có", "other": "x", "content": {"a": 1}}', [
        'purpose',
        'scope',
        'c1',
      ]),
      {
        purpose: 'Mục đích rõ',
        scope: '12',
      },
    );
    assert.equal(parseExtraction('không có', ['purpose']), undefined);
    assert.equal(
      scrubPersonalData('Ông NGUYỄN VĂN AN (an@x.vn, +84 912.345.678), nguyen van an và Lê Văn Bình; mốc 01/02/2027; 1,2 tỷ', [
        'Nguyễn Văn An',
      ]),
      'Ông [tên] ([email], [số điện thoại]), [tên] và Lê Văn Bình; mốc 01/02/2027; 1,2 tỷ',
    );
  });
});
