// A plan from a Word draft over HTTP, as Teams delivers a file to a bot in a 1:1 chat (file.download.info
// with a download URL, here a loopback file host): three different drafts reach a submitted plan in at
// most 6 turns; bad files get their clear answers and nothing is stored.
import assert from 'node:assert/strict';
import { attachmentActivity } from '../tools/chat/activity-factory.js';
import { allText, startHarness, type BotHarness, type TestUser } from './helpers/bot-harness.js';
import { FileServer } from './helpers/file-server.js';
import { cleanHeadingsDraft, minimalPdf, narrativeWithTableDraft, numberedHeadingsDraft, pastedPlan } from './helpers/plan-drafts.js';
import { seedTestDirectory } from './helpers/test-directory.js';
import { MANAGER, NEXT_YEAR, plain } from './helpers/wizard-script.js';
import { Document, Packer, Paragraph } from 'docx';

const YEAR = new Date().getFullYear();

/** Counts what the officer does: every message or button press is one turn. */
class Officer {
  turns = 0;
  constructor(
    readonly user: TestUser,
    readonly files: FileServer,
  ) {}

  async say(text: string): Promise<string> {
    this.turns++;
    return plain(allText(await this.user.say(text)));
  }

  async sendFile(name: string, body: Buffer, downloadUrl = this.files.add(name, body)): Promise<string> {
    this.turns++;
    const activity = attachmentActivity(this.user.session, [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl: downloadUrl,
        name,
        content: { downloadUrl, uniqueId: name, fileType: name.split('.').pop() },
      },
      { contentType: 'text/html', content: '<p></p>' },
    ]);
    const { status, replies } = await this.user.post(activity);
    assert.equal(status, 200);
    return plain(allText(replies));
  }

  async press(verb: string): Promise<string> {
    this.turns++;
    const { status, body, replies } = await this.user.execute(verb);
    assert.equal(status, 200);
    return plain([JSON.stringify(body?.value ?? ''), allText(replies)].join('\n'));
  }
}

describe('plan import: a plan from a Word draft sent in Teams', function () {
  let h: BotHarness;
  let files: FileServer;

  // One bot for the file (a start costs about half a second); each test starts from no proposal.
  before(async () => {
    files = await new FileServer().start();
    h = await startHarness({
      seed: (db) => seedTestDirectory(db.dataSource),
      env: { PLAN_IMPORT_TEAMS_FILE_HOSTS: '127.0.0.1', PLAN_IMPORT_MAX_BYTES: '200000' },
    });
  });
  beforeEach(async () => {
    await h.clearProposals();
    files.requests.length = 0;
  });
  after(async () => {
    await h?.close();
    await files?.stop();
  });

  const proposals = async () => h.db.dataSource.query(`SELECT status, code, title, field, plan FROM proposal`);

  it('draft 1, clean lettered headings: read at "tạo đề xuất", the self-check answered in one reply, submitted in 5 turns', async () => {
    const officer = new Officer(h.user(MANAGER), files);
    assert.match(await officer.say('tạo đề xuất'), /Bước 1\/25/);
    const preview = await officer.sendFile('ke-hoach.docx', await cleanHeadingsDraft());
    assert.match(preview, /Kế hoạch đọc được từ tài liệu/);
    assert.match(preview, /✅ Tên đề xuất[\s\S]*Số hóa hồ sơ cấp giấy phép xây dựng/);
    assert.match(preview, /✅ Kinh phí[\s\S]*150\.000\.000/);
    assert.match(preview, /Còn thiếu hoặc cần sửa:\n1\. Điều kiện 1 \(Có\/Không, kèm lý do\)\n2\. Điều kiện 2[\s\S]*4\. Điều kiện 4/);
    // The draft "tạo đề xuất" made is still empty: nothing stored before the confirmation.
    assert.deepEqual((await proposals())[0].plan, {});

    const answered = await officer.say(
      'Có, vì chưa có quy định cho hồ sơ điện tử\nCó, người dân được lợi\nCó - hồ sơ tồn đọng nhiều\nCó, ứng dụng công nghệ thông tin',
    );
    assert.match(answered, /Đã cập nhật 4 mục/);
    assert.match(answered, /Đã đủ các mục bắt buộc/);
    const review = await officer.say('đồng ý');
    assert.match(review, /Đã lưu 25 mục từ tài liệu vào bản nháp/);
    assert.match(review, /Xem lại kế hoạch đề xuất/);
    assert.match(await officer.say('gửi đề xuất'), new RegExp(`Đã gửi đề xuất ĐX-${YEAR}-0001`));
    assert.ok(officer.turns <= 6, `${officer.turns} turns`);
    assert.equal(officer.turns, 5);

    const [row] = await proposals();
    assert.ok(row.code && row.status !== 'draft', `submitted, now ${row.status}`);
    assert.equal(row.field, 'chuyen_doi_so');
    assert.equal(row.plan.fundingAmount, '150000000');
    assert.equal(row.plan.fundingSource, `Chi thường xuyên năm ${NEXT_YEAR} của UBND xã`);
    assert.equal(row.plan.startDate, `${NEXT_YEAR}-03-01`);
    assert.deepEqual(
      row.plan.milestones.map((m: { date: string }) => m.date),
      [`${NEXT_YEAR}-06-30`, `${NEXT_YEAR}-09-30`],
    );
    assert.deepEqual(row.plan.conditions.c3, { met: true, reason: 'hồ sơ tồn đọng nhiều' });
    assert.ok(
      files.requests.every((r) => !r.authorization),
      'no token sent to the file host',
    );
  });

  it('draft 2, numbered headings without letters or diacritics, with its self-check: submitted in 3 turns', async () => {
    const officer = new Officer(h.user(MANAGER), files);
    const preview = await officer.sendFile('de-xuat-zalo.docx', await numberedHeadingsDraft());
    assert.match(preview, /✅ Lĩnh vực[\s\S]*Chuyển đổi số/);
    assert.match(preview, /✅ Kinh phí[\s\S]*không đề nghị kinh phí/);
    assert.match(preview, /Không có trong tài liệu \(không bắt buộc, để trống\): Văn bản hiện hành chưa điều chỉnh/);
    assert.match(preview, /Đã đủ các mục bắt buộc/);
    assert.equal((await proposals()).length, 0, 'nothing stored before the confirmation');
    assert.match(await officer.say('dong y'), /Xem lại kế hoạch đề xuất/);
    assert.match(await officer.say('gui de xuat'), new RegExp(`Đã gửi đề xuất ĐX-${YEAR}-0001`));
    assert.equal(officer.turns, 3);
    const [row] = await proposals();
    assert.ok(row.code && row.status !== 'draft', `submitted, now ${row.status}`);
    assert.equal(row.title, 'Tiếp nhận phản ánh của người dân qua Zalo tại xã Bản Lầu');
    assert.equal(row.plan.fundingAmount, '0');
    assert.equal(row.plan.endDate, `${NEXT_YEAR}-11-30`);
  });

  it('draft 3, a narrative with a milestone table: the field and self-check in one reply, the button, submitted in 4 turns', async () => {
    const officer = new Officer(h.user(MANAGER), files);
    const preview = await officer.sendFile('chu-ky-so.docx', await narrativeWithTableDraft());
    assert.match(preview, /✅ Các mốc thực hiện[\s\S]*31\/03\/\d{4}: Số hóa xong hồ sơ/);
    assert.match(preview, /1\. Lĩnh vực \(gõ số hoặc tên: 1\. Cải cách hành chính;[\s\S]*2\. Điều kiện 1/);
    const answered = await officer.say(
      'chuyen doi so\nCó, vì quy chế chưa công nhận bản điện tử\nCó, cán bộ được lợi\nCó, hồ sơ tra cứu chậm\nCó, ứng dụng chữ ký số',
    );
    assert.match(answered, /Đã đủ các mục bắt buộc/);
    const saved = await officer.press('planImport.confirm');
    assert.match(saved, /Xem lại kế hoạch đề xuất/);
    assert.match(await officer.say('gửi đề xuất'), new RegExp(`Đã gửi đề xuất ĐX-${YEAR}-0001`));
    assert.equal(officer.turns, 4);
    const [row] = await proposals();
    assert.ok(row.code && row.status !== 'draft', `submitted, now ${row.status}`);
    assert.equal(row.plan.fundingAmount, '1200000000');
    assert.equal(row.plan.milestones.length, 2);
    assert.equal(row.plan.title, 'Ứng dụng chữ ký số trong hồ sơ cán bộ, công chức của Sở');
  });

  it('an invalid value is shown with the rule it breaks and asked again; "sửa kinh phí" stores and opens that section; "hủy" stores nothing', async () => {
    const officer = new Officer(h.user(MANAGER), files);
    const past = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              'Tên đề xuất: Số hóa hồ sơ cấp giấy phép xây dựng tại xã',
              'Sự cần thiết: Người dân phải đi lại nhiều lần để nộp hồ sơ giấy phép xây dựng.',
              'Nội dung: Xây dựng quy trình điện tử, tập huấn cán bộ, thí điểm tại hai xã.',
              'Kết quả dự kiến: 90% hồ sơ được tiếp nhận điện tử trong năm đầu.',
              'Thời gian: từ ngày 01/01/2020 đến ngày 31/12/2020',
            ].map((t) => new Paragraph(t)),
          },
        ],
      }),
    );
    const preview = await officer.sendFile('cu.docx', past);
    assert.match(preview, /⚠️ Ngày bắt đầu \(cần sửa\)[\s\S]*đã qua/);
    assert.match(await officer.say('hủy'), /không có gì được lưu/);
    assert.equal((await proposals()).length, 0);

    await officer.sendFile('cu2.docx', past);
    const edit = await officer.say('sửa kinh phí');
    assert.match(edit, /Đã lưu \d+ mục/);
    assert.match(edit, /Nhân lực/);
    const [row] = await proposals();
    assert.equal(row.status, 'draft');
    assert.equal(row.plan.startDate, undefined, 'an invalid value is never stored');
    assert.equal(row.plan.necessity, 'Người dân phải đi lại nhiều lần để nộp hồ sơ giấy phép xây dựng.');
  });

  it('a long plan pasted as a message is read the same way', async () => {
    const officer = new Officer(h.user(MANAGER), files);
    const pasted = pastedPlan();
    const preview = await officer.say(pasted);
    assert.match(preview, /Nguồn: tin nhắn/);
    assert.match(preview, /✅ Tên đề xuất[\s\S]*Số hóa sổ hộ tịch/);
    assert.equal((await proposals()).length, 0);
  });

  describe('bad input: a clear answer and nothing stored', () => {
    const cases: [string, () => Promise<[string, Buffer]>, RegExp][] = [
      ['a file over the limit', async () => ['lon.docx', Buffer.alloc(300_000, 1)], /Tệp quá lớn: tôi chỉ đọc tệp đến 0,2 MB/],
      [
        'a password-protected Word file',
        async () => ['mat-khau.docx', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1000)])],
        /được đặt mật khẩu/,
      ],
      ['a password-protected PDF', async () => ['mat-khau.pdf', minimalPdf({ encrypted: true })], /được đặt mật khẩu/],
      ['an unreadable file', async () => ['hong.docx', Buffer.from('không phải docx'.repeat(20))], /Không đọc được tệp “hong\.docx”/],
      ['a scanned PDF with no text', async () => ['scan.pdf', minimalPdf()], /Tệp là ảnh quét, chưa đọc được chữ/],
      [
        'a document that is not a plan',
        async () => [
          'thu-moi.docx',
          await Packer.toBuffer(
            new Document({ sections: [{ children: [new Paragraph('Kính mời đồng chí dự họp lúc 8 giờ sáng thứ hai tại hội trường.')] }] }),
          ),
        ],
        /không giống một kế hoạch đề xuất/,
      ],
      ['a file of another kind', async () => ['bang.xlsx', Buffer.from('x')], /Anh\/chị gửi tệp \.docx, \.pdf hoặc \.txt/],
    ];
    for (const [label, make, answer] of cases) {
      it(label, async () => {
        const officer = new Officer(h.user(MANAGER), files);
        const [name, body] = await make();
        assert.match(await officer.sendFile(name, body), answer);
        // Nothing waits for a confirmation either.
        await officer.say('đồng ý');
        assert.equal((await proposals()).length, 0);
      });
    }

    it('a download URL on a host that is not trusted is never fetched', async () => {
      const officer = new Officer(h.user(MANAGER), files);
      const url = files.add('ke-hoach.docx', await cleanHeadingsDraft()).replace('127.0.0.1', 'localhost');
      assert.match(await officer.sendFile('ke-hoach.docx', Buffer.alloc(0), url), /không tải tệp từ đường dẫn khác/);
      assert.equal(files.requests.length, 0);
      assert.equal((await proposals()).length, 0);
    });
  });
});
