import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import { placeOf } from '../services/documents/plan-file.js';
import {
  NATIONAL_MOTTO,
  NATIONAL_TITLE,
  renderDocumentText,
  renderDocx,
  type AdministrativeDocument,
} from '../services/documents/decree30-document.js';
import {
  OUTCOME_RULES,
  evaluationConclusionDocument,
  renderEvaluationConclusionDocx,
  type EvaluationConclusionInput,
} from '../services/documents/evaluation-conclusion-document.js';
import { formatNumberVN, formatPercentVN, formatVND } from '../services/documents/format.js';
import {
  overrideDecisionDocument,
  renderOverrideDecisionDocx,
  type OverrideDecisionInput,
} from '../services/documents/override-decision-document.js';
import {
  proposalPlanDocument,
  proposalPlanFileName,
  renderProposalPlanDocx,
  renderProposalPlanText,
  type ProposalPlanInput,
} from '../services/documents/proposal-plan-document.js';

async function readBack(buf: Buffer): Promise<{ text: string; html: string }> {
  assert.equal(buf.subarray(0, 2).toString('latin1'), 'PK', 'a .docx is a zip file');
  const [raw, html] = await Promise.all([mammoth.extractRawText({ buffer: buf }), mammoth.convertToHtml({ buffer: buf })]);
  return { text: raw.value, html: html.value };
}

/** Asserts that the needles appear in the haystack in this order. */
function assertInOrder(haystack: string, needles: string[]): void {
  let from = 0;
  for (const n of needles) {
    const at = haystack.indexOf(n, from);
    assert.ok(at >= 0, `expected "${n}" after position ${from}`);
    from = at + n.length;
  }
}

const agency = { name: 'Sở Khoa học và Công nghệ', superiorAgency: 'UBND tỉnh Lào Cai', code: 'SKHCN' };

const planInput: ProposalPlanInput = {
  code: 'ĐX-2026-0001',
  title: 'Số hóa hồ sơ thẩm định nhiệm vụ khoa học <script>alert("x")</script>',
  field: 'Chuyển đổi số',
  proposer: { name: 'Nguyễn Thị Hường', position: 'Phó Trưởng phòng Quản lý khoa học', unit: 'Sở Khoa học và Công nghệ' },
  agency,
  issue: { place: 'Lào Cai', date: '2026-11-30' },
  addressee: 'Giám đốc Sở Khoa học và Công nghệ',
  necessity: {
    necessity: 'Hồ sơ thẩm định đang lưu bằng giấy, tra cứu mất nhiều ngày.',
    purpose: 'Rút ngắn thời gian thẩm định xuống còn 05 ngày làm việc.',
    requirements: 'Bảo đảm an toàn thông tin, đúng quy định về lưu trữ.',
    bottleneck: 'Chưa có quy định về giá trị pháp lý của hồ sơ thẩm định điện tử cấp tỉnh.',
    uncoveredDocuments: 'Thông tư hướng dẫn quản lý nhiệm vụ khoa học và công nghệ chưa quy định hồ sơ điện tử.',
  },
  content: {
    contentAndSolutions: 'Xây dựng kho hồ sơ điện tử; quy trình ký số; đào tạo cán bộ & chuyên viên.',
    scope: 'Phòng Quản lý khoa học, Sở Khoa học và Công nghệ.',
    implementers: 'Tổ công tác gồm 05 công chức của phòng.',
    timeline: {
      start: '2027-01-04',
      end: '2027-06-30',
      milestones: [
        { date: '2027-02-26', task: 'Hoàn thành kho hồ sơ điện tử', owner: 'Tổ công tác', output: 'Kho dữ liệu' },
        { from: '2027-03-01', date: '2027-06-30', task: 'Vận hành thử, đánh giá', owner: 'Phòng QLKH', output: 'Báo cáo' },
      ],
    },
    resources: {
      people: '05 công chức',
      fundingAmount: 150_000_000,
      fundingSource: 'ngân sách sự nghiệp khoa học',
      equipment: 'Máy quét tài liệu',
    },
    feasibility: 'Đã có hạ tầng ký số của tỉnh.',
  },
  impact: {
    positive: 'Giảm 70% thời gian tra cứu.',
    expectedResults: '100% hồ sơ thẩm định năm 2027 được lưu điện tử.',
  },
  selfCheck: [
    { condition: 1, met: true, reason: 'Tháo gỡ vướng mắc về hồ sơ điện tử' },
    { condition: 2, met: true, reason: 'Phục vụ tổ chức, cá nhân' },
    { condition: 3, met: true, reason: 'Yêu cầu cấp bách' },
    { condition: 4, met: false, reason: 'Không liên quan phân cấp' },
  ],
};

describe('Decree 30 administrative documents (.docx)', () => {
  describe('format helpers', () => {
    it('formats money and numbers the Vietnamese way', () => {
      assert.equal(formatVND(150_000_000), '150.000.000 đồng');
      assert.equal(formatVND(1_200_000_000), '1.200.000.000 đồng');
      assert.equal(formatVND(999), '999 đồng');
      assert.equal(formatVND(0), '0 đồng');
      assert.equal(formatVND(1234.6), '1.235 đồng');
      assert.equal(formatVND(12_345_678_901_234n), '12.345.678.901.234 đồng');
      assert.equal(formatNumberVN(1.5), '1,5');
      assert.equal(formatNumberVN(-1234567.25), '-1.234.567,25');
      assert.equal(formatPercentVN(3, 7), '42,9%');
      assert.throws(() => formatVND(Number.NaN));
    });
  });

  describe('the generic builder', () => {
    const model: AdministrativeDocument = {
      header: {
        superiorAgency: 'UBND tỉnh Lào Cai',
        agency: 'Sở Nội vụ',
        agencyCode: 'SNV',
        number: '15',
        kindCode: 'BC',
        place: 'Lào Cai',
        date: '2026-02-05',
      },
      title: 'Báo cáo',
      subtitle: 'Kết quả khuyến khích, bảo vệ cán bộ năng động, sáng tạo',
      blocks: [
        { type: 'heading', text: 'I. Tình hình chung' },
        { type: 'paragraph', text: 'Dòng một\nDòng hai với ký tự điều khiển \u0001\u0007 và tab\tở giữa & <b>thẻ</b>' },
        { type: 'bullets', items: ['Mục thứ nhất;', [{ text: 'Mục ' }, { text: 'đậm', bold: true }]] },
        {
          type: 'table',
          columns: ['STT', 'Đơn vị', 'Số đề xuất'],
          rows: [
            ['1', 'Sở Y tế', '3'],
            ['2', 'UBND xã Bắc Hà'],
          ],
        },
        { type: 'keyValue', items: [{ label: 'Người lập', value: 'Trần Văn Đức' }] },
      ],
      signature: { onBehalfOf: 'KT. Giám đốc', position: 'Phó Giám đốc', name: 'Lê Thị Ánh' },
      recipients: ['UBND tỉnh (để báo cáo);', 'Lưu: VT, TCBC.'],
    };

    it('writes the header, title, body, signature and recipients', async () => {
      const { text, html } = await readBack(await renderDocx(model));
      assertInOrder(text, [
        'UBND TỈNH LÀO CAI',
        'SỞ NỘI VỤ',
        NATIONAL_TITLE,
        NATIONAL_MOTTO,
        'Số: 15/BC-SNV',
        'Lào Cai, ngày 05 tháng 02 năm 2026',
        'BÁO CÁO',
        'Kết quả khuyến khích, bảo vệ cán bộ năng động, sáng tạo',
        'I. TÌNH HÌNH CHUNG',
        'Dòng một',
        'Dòng hai với ký tự điều khiển  và tab ở giữa & <b>thẻ</b>',
        '- Mục thứ nhất;',
        '- Mục đậm',
        'STT',
        'Đơn vị',
        'Sở Y tế',
        'UBND xã Bắc Hà',
        'Người lập: Trần Văn Đức',
        'Nơi nhận:',
        '- UBND tỉnh (để báo cáo);',
        '- Lưu: VT, TCBC.',
        'KT. GIÁM ĐỐC',
        'PHÓ GIÁM ĐỐC',
        'Lê Thị Ánh',
      ]);
      // Emphasis as Decree 30 shows it.
      assert.match(html, /<strong>SỞ NỘI VỤ<\/strong>/);
      assert.match(html, /<p>UBND TỈNH LÀO CAI<\/p>/);
      assert.match(html, /<strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<\/strong>/);
      assert.match(html, /<strong>Độc lập - Tự do - Hạnh phúc<\/strong>/);
      assert.match(html, /<em>Lào Cai, ngày 05 tháng 02 năm 2026<\/em>/);
      assert.match(html, /<strong><em>Nơi nhận:<\/em><\/strong>/);
      assert.match(html, /<strong>Lê Thị Ánh<\/strong>/);
      assert.match(html, /<strong>đậm<\/strong>/);
      // The markup in the text is text, not markup.
      assert.match(html, /&lt;b&gt;thẻ&lt;\/b&gt;/);
      assert.doesNotMatch(html, /<b>/);
    });

    it('leaves the number and date blank when not given, and rejects an invalid model in Vietnamese', async () => {
      const blank = { ...model, header: { agency: 'UBND xã Bắc Hà', kindCode: 'KH', place: 'Bắc Hà' } };
      const { text } = await readBack(await renderDocx(blank));
      assert.match(text, /Số:\s+\/KH\n/);
      assert.match(text, /Bắc Hà, ngày\s+tháng\s+năm\s*\n/);
      assert.doesNotMatch(text, /undefined/);
      await assert.rejects(
        () => renderDocx({ ...model, header: { ...model.header, date: '2026-02-30' } }),
        /Mẫu văn bản không hợp lệ tại "header.date"/,
      );
    });

    it('renders the same content as plain text', () => {
      const text = renderDocumentText(model);
      assertInOrder(text, [
        'SỞ NỘI VỤ',
        'Số: 15/BC-SNV',
        'BÁO CÁO',
        'I. TÌNH HÌNH CHUNG',
        'Dòng một\nDòng hai',
        'STT | Đơn vị | Số đề xuất',
        '2 | UBND xã Bắc Hà | ',
        'PHÓ GIÁM ĐỐC',
        'Lê Thị Ánh',
        'Nơi nhận:',
        '- Lưu: VT, TCBC.',
      ]);
      assert.doesNotMatch(text, /\u0001/);
    });
  });

  describe('the proposal plan (Art. 7.2)', () => {
    it('holds the header, the code, every section a–c and the Art. 5 annex', async () => {
      const buf = await renderProposalPlanDocx(planInput);
      const { text, html } = await readBack(buf);
      assertInOrder(text, [
        'UBND TỈNH LÀO CAI',
        'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
        NATIONAL_TITLE,
        NATIONAL_MOTTO,
        'Lào Cai, ngày 30 tháng 11 năm 2026',
        'KẾ HOẠCH',
        // Item 8: the trích yếu names this plan; the plan is a personal proposal addressed to the decider.
        'Đề xuất đổi mới, sáng tạo: Số hóa hồ sơ thẩm định nhiệm vụ khoa học',
        'Kính gửi: Giám đốc Sở Khoa học và Công nghệ.',
        'Mã đề xuất: ĐX-2026-0001',
        'Tên đề xuất: Số hóa hồ sơ thẩm định nhiệm vụ khoa học <script>alert("x")</script>',
        'Lĩnh vực: Chuyển đổi số',
        'Người đề xuất: Nguyễn Thị Hường',
        'Chức vụ: Phó Trưởng phòng Quản lý khoa học',
        'I. SỰ CẦN THIẾT, MỤC ĐÍCH, YÊU CẦU',
        '1. Sự cần thiết',
        'Hồ sơ thẩm định đang lưu bằng giấy',
        '2. Mục đích',
        '3. Yêu cầu',
        '4. Điểm nghẽn về cơ chế, chính sách chưa được quy định',
        'Chưa có quy định về giá trị pháp lý',
        '5. Văn bản quy phạm pháp luật hiện hành chưa điều chỉnh',
        'II. NỘI DUNG, NHIỆM VỤ, GIẢI PHÁP',
        '1. Nội dung, nhiệm vụ, giải pháp',
        'đào tạo cán bộ & chuyên viên',
        '2. Phạm vi thực hiện',
        '3. Đối tượng, người thực hiện',
        '4. Thời gian thực hiện',
        'Từ ngày 04/01/2027 đến ngày 30/06/2027.',
        'Các mốc thực hiện',
        '26/02/2027',
        'Hoàn thành kho hồ sơ điện tử',
        '01/03/2027 – 30/06/2027',
        '5. Nguồn lực bảo đảm thực hiện',
        'a) Nhân lực: 05 công chức',
        'b) Kinh phí: 150.000.000 đồng; nguồn kinh phí: ngân sách sự nghiệp khoa học.',
        'c) Trang thiết bị, điều kiện làm việc: Máy quét tài liệu',
        '6. Tính khả thi',
        'III. TÁC ĐỘNG VÀ KẾT QUẢ DỰ KIẾN',
        '1. Tác động tích cực',
        'Giảm 70% thời gian tra cứu.',
        '2. Tác động tiêu cực (nếu có)',
        '3. Kết quả dự kiến đạt được trên thực tiễn',
        '100% hồ sơ thẩm định năm 2027 được lưu điện tử.',
        'kính đề nghị Giám đốc Sở Khoa học và Công nghệ xem xét, quyết định',
        'Nơi nhận:',
        'Như trên (để xem xét, quyết định);',
        'NGƯỜI ĐỀ XUẤT',
        'Nguyễn Thị Hường',
        'PHỤ LỤC',
        'Tự đánh giá đề xuất theo các điều kiện tại Điều 5 Nghị định số 73/2023/NĐ-CP',
        '(Kèm theo Kế hoạch đề xuất đổi mới, sáng tạo mã ĐX-2026-0001)',
        'Đáp ứng',
        'Đề xuất có khả năng tháo gỡ điểm nghẽn',
        'Tháo gỡ vướng mắc về hồ sơ điện tử',
        'Đề xuất thúc đẩy phân cấp, phân quyền',
        'Không',
        'Không liên quan phân cấp',
      ]);
      // A personal proposal: no agency registry number ("Số …/KH-"), signed by the proposer.
      assert.doesNotMatch(text, /Số:\s*\/KH-/);
      assert.doesNotMatch(text, /Như nêu tại mục|Không có yêu cầu bổ sung/);
      // The proposer's text containing markup is literal text in the document.
      assert.ok(text.includes('<script>alert("x")</script>'));
      assert.ok(html.includes('&lt;script&gt;alert("x")&lt;/script&gt;'));
      assert.doesNotMatch(html, /<script/);
      // Diacritics survive intact (NFC).
      assert.ok(text.includes('Hường') && text.includes('Đề xuất đổi mới, sáng tạo') && text.includes('Điểm nghẽn'));
      assert.equal(text, text.normalize('NFC'));
    });

    it('keeps the decomposed diacritics of input typed in NFD', async () => {
      const nfd = { ...planInput, proposer: { ...planInput.proposer, name: 'Nguyễn Thị Hường'.normalize('NFD') } };
      const { text } = await readBack(await renderProposalPlanDocx(nfd));
      assert.ok(text.includes('Người đề xuất: Nguyễn Thị Hường'));
    });

    it('handles a plan without funding, milestones or self-check', () => {
      const minimal: ProposalPlanInput = {
        ...planInput,
        content: { ...planInput.content, timeline: { start: '2027-01-04', end: '2027-03-31' }, resources: {} },
        impact: { expectedResults: 'Kết quả đo được.' },
        selfCheck: undefined,
      };
      const model = proposalPlanDocument(minimal);
      assert.equal(model.annexes?.length, 0);
      const text = renderProposalPlanText(minimal);
      assert.ok(text.includes('b) Kinh phí: Không đề nghị kinh phí.'));
      assert.ok(!text.includes('Các mốc thực hiện'));
      assert.ok(!text.includes('undefined'));
      // Fields the officer left empty stay visibly empty: nothing is written in their name.
      assert.ok(text.includes('1. Tác động tích cực\n(Người đề xuất không nêu.)'), text);
      assert.ok(text.includes('a) Nhân lực: (Người đề xuất không nêu.)'));
      assert.ok(!/Như nêu tại mục|Không có yêu cầu bổ sung/.test(text));
      // A plan stored without its dates (older data) still renders, the gap shown.
      const undated = renderProposalPlanText({ ...minimal, content: { ...minimal.content, timeline: {} as never } });
      assert.ok(undated.includes('4. Thời gian thực hiện\n(Người đề xuất không nêu.)'), undated);
    });

    it("names the commune as the place of a commune's plan", () => {
      assert.equal(placeOf('UBND xã Bắc Hà', 'ubnd_xa'), 'Bắc Hà');
      assert.equal(placeOf('Ủy ban nhân dân xã Bảo Hà', 'ubnd_xa'), 'Bảo Hà');
      assert.equal(placeOf('Sở Khoa học và Công nghệ', 'so_nganh'), 'Lào Cai');
    });

    it('has an ASCII file name', () => {
      assert.equal(proposalPlanFileName('ĐX-2026-0001'), 'ke-hoach-DX-2026-0001.docx');
    });
  });

  describe("the head's written decision (Art. 8.1)", () => {
    const input: OverrideDecisionInput = {
      agency,
      issue: { number: '128', date: '2026-12-10' },
      authority: 'Giám đốc Sở Khoa học và Công nghệ',
      headTitle: 'Giám đốc Sở Khoa học và Công nghệ',
      signer: { position: 'Giám đốc', name: 'Hoàng Văn Sơn' },
      proposal: {
        code: 'ĐX-2026-0001',
        title: planInput.title,
        proposer: planInput.proposer,
        receivedDate: '2026-12-01',
        start: '2027-01-04',
        end: '2027-06-30',
        fundingAmount: 150_000_000,
        fundingSource: 'ngân sách sự nghiệp khoa học',
      },
      vote: { date: '2026-12-08', voters: 4, inFavour: 1, against: 3, headInFavour: true },
      reasons: 'Đề xuất giải quyết vướng mắc cấp bách, đã có hạ tầng ký số',
      implementers: 'Phòng Quản lý khoa học chủ trì triển khai',
      additionalBases: [
        'Quyết định số 12/2025/QĐ-UBND quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Khoa học và Công nghệ',
      ],
      executors: ['Chánh Văn phòng Sở', 'Trưởng phòng Quản lý khoa học'],
    };

    it('states the bases, the vote, the articles and the responsibility', async () => {
      const { text, html } = await readBack(await renderOverrideDecisionDocx(input));
      assertInOrder(text, [
        'UBND TỈNH LÀO CAI',
        'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
        NATIONAL_TITLE,
        NATIONAL_MOTTO,
        'Số: 128/QĐ-SKHCN',
        'Lào Cai, ngày 10 tháng 12 năm 2026',
        'QUYẾT ĐỊNH',
        'Về việc triển khai thực hiện đề xuất đổi mới, sáng tạo',
        'GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ',
        'Căn cứ Nghị định số 73/2023/NĐ-CP ngày 29 tháng 9 năm 2023 của Chính phủ quy định về khuyến khích, bảo vệ cán bộ năng động, sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung;',
        'Căn cứ Quyết định số 12/2025/QĐ-UBND',
        'Căn cứ Kế hoạch đề xuất đổi mới, sáng tạo mã ĐX-2026-0001',
        'nhận ngày 01/12/2026;',
        'Căn cứ kết quả biểu quyết của tập thể lãnh đạo ngày 08/12/2026: 1/4 thành viên tán thành, 3/4 thành viên không tán thành; người đứng đầu biểu quyết tán thành; đề xuất chưa được thông qua theo khoản 1 Điều 8 Nghị định số 73/2023/NĐ-CP;',
        'Xét thấy việc thực hiện đề xuất là cần thiết và khả thi: Đề xuất giải quyết vướng mắc cấp bách, đã có hạ tầng ký số.',
        'QUYẾT ĐỊNH:',
        'Điều 1. Triển khai thực hiện đề xuất đổi mới, sáng tạo',
        'Thời gian thực hiện: từ ngày 04/01/2027 đến ngày 30/06/2027. Kinh phí: 150.000.000 đồng (ngân sách sự nghiệp khoa học).',
        'Điều 2. Giám đốc Sở Khoa học và Công nghệ quyết định triển khai thực hiện đề xuất khi tập thể lãnh đạo chưa thông qua',
        'chịu trách nhiệm trước cơ quan cấp trên và trước pháp luật về quyết định này.',
        'Phòng Quản lý khoa học chủ trì triển khai',
        'Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, Trưởng phòng Quản lý khoa học',
        'Nơi nhận:',
        '- Như Điều 3;',
        '- UBND tỉnh Lào Cai (để báo cáo);',
        '- Lưu: VT, hồ sơ đề xuất ĐX-2026-0001.',
        'GIÁM ĐỐC',
        'Hoàng Văn Sơn',
      ]);
      assert.match(html, /<strong>Điều 1\. <\/strong>/);
      assert.match(html, /<em>Căn cứ Nghị định số 73\/2023\/NĐ-CP/);
      assert.ok(html.includes('&lt;script&gt;'));
      assert.doesNotMatch(html, /<script/);
      const model = overrideDecisionDocument(input);
      assert.equal(model.header.kindCode, 'QĐ');
    });
  });

  describe('the evaluation conclusion (Art. 10–11)', () => {
    const base: EvaluationConclusionInput = {
      agency,
      issue: { date: '2027-07-12' },
      signer: { onBehalfOf: 'KT. Giám đốc', position: 'Phó Giám đốc', name: 'Đặng Thu Trang' },
      proposal: {
        code: 'ĐX-2026-0001',
        title: 'Số hóa hồ sơ thẩm định',
        proposer: planInput.proposer,
        approvedDate: '2026-12-10',
        start: '2027-01-04',
        end: '2027-06-30',
      },
      reportDate: '2027-07-03',
      meeting: { date: '2027-07-09', voters: 4, inFavour: 4, against: 0, chairedBy: 'Giám đốc Sở' },
      outcome: 'completed',
      results: '100% hồ sơ được số hóa; thời gian tra cứu giảm 70%.',
      objectiveCauses: 'Hạ tầng ký số của tỉnh ổn định.',
      subjectiveCauses: 'Tổ công tác chủ động, phối hợp tốt.',
      recognitions: [
        { label: 'Biểu dương, khen ngợi kịp thời', basis: 'Điều 10 Nghị định 73/2023/NĐ-CP' },
        { label: 'Đề nghị nâng bậc lương trước thời hạn (tối đa 12 tháng)', basis: 'Điều 10 Nghị định 73/2023/NĐ-CP' },
      ],
    };

    it('a completed proposal: outcome, causes, tally, recognition and Art. 11.1', async () => {
      const { text } = await readBack(await renderEvaluationConclusionDocx(base));
      assertInOrder(text, [
        'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
        '/KL-SKHCN',
        'Lào Cai, ngày 12 tháng 7 năm 2027',
        'KẾT LUẬN',
        'Đánh giá kết quả thực hiện đề xuất đổi mới, sáng tạo',
        'Ngày 09/07/2027, tập thể lãnh đạo Sở Khoa học và Công nghệ họp do Giám đốc Sở chủ trì',
        '(mã ĐX-2026-0001)',
        'được phê duyệt ngày 10/12/2026',
        'báo cáo kết quả thực hiện ngày 03/07/2027',
        'I. KẾT QUẢ THỰC HIỆN ĐỀ XUẤT',
        '100% hồ sơ được số hóa',
        'II. NGUYÊN NHÂN',
        '1. Nguyên nhân khách quan',
        'Hạ tầng ký số của tỉnh ổn định.',
        '2. Nguyên nhân chủ quan',
        'Tổ công tác chủ động, phối hợp tốt.',
        'III. KẾT QUẢ ĐÁNH GIÁ',
        'Kết quả biểu quyết của tập thể lãnh đạo: 4/4 thành viên tán thành, 0/4 thành viên không tán thành.',
        'Kết luận: Hoàn thành đề xuất.',
        'IV. KHUYẾN KHÍCH VÀ BẢO VỆ CÁN BỘ',
        'Bảo vệ (khoản 1 Điều 11 Nghị định số 73/2023/NĐ-CP): Cán bộ không bị xem xét xử lý trách nhiệm',
        '- Biểu dương, khen ngợi kịp thời (căn cứ Điều 10 Nghị định 73/2023/NĐ-CP);',
        '- Đề nghị nâng bậc lương trước thời hạn (tối đa 12 tháng)',
        'V. KIẾN NGHỊ, ĐỀ XUẤT',
        'Nơi nhận:',
        '- Đồng chí Nguyễn Thị Hường',
        'KT. GIÁM ĐỐC',
        'PHÓ GIÁM ĐỐC',
        'Đặng Thu Trang',
      ]);
    });

    it('each other outcome cites its branch of Art. 11', async () => {
      const pure = await readBack(
        await renderEvaluationConclusionDocx({
          ...base,
          outcome: 'not_completed_pure_motive',
          recognitions: undefined,
          meeting: { ...base.meeting, inFavour: 3, against: 0, notVoting: 1 },
        }),
      );
      assertInOrder(pure.text, [
        '3/4 thành viên tán thành, 0/4 thành viên không tán thành, 1/4 thành viên không biểu quyết',
        `Kết luận: ${OUTCOME_RULES.not_completed_pure_motive.label}.`,
        'IV. BẢO VỆ CÁN BỘ',
        'Áp dụng khoản 2 Điều 11 Nghị định số 73/2023/NĐ-CP: Cán bộ được loại trừ trách nhiệm',
      ]);
      assert.ok(!pure.text.includes('Thiệt hại:'));

      const damage = await readBack(
        await renderEvaluationConclusionDocx({
          ...base,
          outcome: 'not_completed_with_damage',
          damage: 'Hỏng 02 máy quét <b>',
          recognitions: undefined,
        }),
      );
      assertInOrder(damage.text, [
        'Thiệt hại: Hỏng 02 máy quét <b>',
        `Kết luận: ${OUTCOME_RULES.not_completed_with_damage.label}.`,
        'Áp dụng khoản 3 Điều 11 Nghị định số 73/2023/NĐ-CP: Cán bộ được xem xét loại trừ, miễn hoặc giảm nhẹ trách nhiệm',
      ]);
      assert.throws(() => evaluationConclusionDocument({ ...base, outcome: 'other' as never }), /Kết quả đánh giá không hợp lệ/);
    });
  });
});
