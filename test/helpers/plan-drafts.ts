// Word drafts of a plan as officers write them, made with the `docx` library: clean lettered headings,
// numbered headings without letters, and a narrative with a milestone table.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';

const Y = new Date().getFullYear() + 1;

const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const h = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
const cell = (text: string) => new TableCell({ children: [p(text)] });
const row = (...cells: string[]) => new TableRow({ children: cells.map(cell) });

async function pack(children: (Paragraph | Table)[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

const header = [
  new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true })] }),
  new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('Độc lập - Tự do - Hạnh phúc')] }),
  p(`Lào Cai, ngày 15 tháng 11 năm ${Y - 1}`),
  new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'KẾ HOẠCH ĐỀ XUẤT ĐỔI MỚI, SÁNG TẠO', bold: true })] }),
];

/** A plan pasted as one message, its labels typed without diacritics; `field` adds the "Linh vuc" line. */
export function pastedPlan(options: { field?: string } = {}): string {
  return [
    'Ten de xuat: Số hóa sổ hộ tịch tại xã Bảo Hà',
    ...(options.field ? [`Linh vuc: ${options.field}`] : []),
    'Su can thiet: Sổ hộ tịch giấy bị hư hỏng, tra cứu mất nhiều thời gian của người dân và cán bộ.',
    'Muc dich: Tra cứu hộ tịch trong 15 phút.',
    'Yeu cau: Bảo mật dữ liệu hộ tịch.',
    'Diem nghen: Chưa có quy định công nhận bản số hóa sổ hộ tịch cũ.',
    'Noi dung: Quét và nhập liệu toàn bộ sổ hộ tịch từ năm 1990.',
    'Pham vi: xã Bảo Hà',
    'Nguoi thuc hien: công chức tư pháp - hộ tịch',
    `Thoi gian: từ 01/02/${Y} đến 30/06/${Y}`,
    'Kinh phi: 50 triệu, nguồn chi thường xuyên của xã',
    'Tinh kha thi: Xã đã có máy quét và cán bộ thành thạo.',
    'Ket qua du kien: 100% sổ hộ tịch được số hóa.',
  ].join('\n');
}

/** Draft 1: the decree's own letters a), b), c) with labelled lines; field given; no self-check. */
export function cleanHeadingsDraft(): Promise<Buffer> {
  return pack([
    ...header,
    p('Tên đề xuất: Số hóa hồ sơ cấp giấy phép xây dựng tại Bộ phận một cửa cấp xã'),
    p('Lĩnh vực: Chuyển đổi số'),
    h('a) Sự cần thiết, mục đích, yêu cầu của đề xuất'),
    p('- Sự cần thiết: Mỗi năm xã tiếp nhận khoảng 400 hồ sơ giấy phép xây dựng bằng giấy; người dân phải đi lại 3–4 lần, hồ sơ thất lạc.'),
    p('- Mục đích: Rút ngắn thời gian giải quyết hồ sơ xuống còn 7 ngày.'),
    p('- Yêu cầu: Không phát sinh thủ tục mới; bảo mật dữ liệu cá nhân.'),
    p('- Điểm nghẽn về cơ chế, chính sách: Quy định hiện hành chưa cho phép tiếp nhận bản vẽ điện tử có chữ ký số.'),
    p('- Văn bản hiện hành chưa điều chỉnh: Nghị định 15/2021/NĐ-CP chưa quy định hồ sơ bản vẽ điện tử.'),
    h('b) Nội dung, nhiệm vụ, giải pháp'),
    p('1) Xây dựng quy trình tiếp nhận hồ sơ điện tử; 2) tập huấn cán bộ một cửa; 3) thí điểm 6 tháng tại 2 xã.'),
    p('Phạm vi: Thí điểm tại UBND xã Bảo Hà và xã Phong Hải.'),
    p('Người thực hiện: Tôi chủ trì; công chức địa chính – xây dựng hai xã phối hợp.'),
    p(`Thời gian thực hiện: từ ngày 01/03/${Y} đến ngày 31/12/${Y}.`),
    p(`- 30/06/${Y}: ban hành quy trình`),
    p(`- 30/09/${Y}: kết thúc thí điểm`),
    p('Nhân lực: 2 công chức một cửa, 1 cán bộ công nghệ thông tin.'),
    p('Kinh phí: 150 triệu đồng, từ nguồn chi thường xuyên năm ' + Y + ' của UBND xã.'),
    p('Trang thiết bị: 2 máy quét tài liệu khổ A3.'),
    p('Tính khả thi: Hai xã đã có đường truyền và chữ ký số; không cần sửa văn bản cấp trên.'),
    h('c) Tác động và kết quả dự kiến'),
    p('- Tác động tích cực: Người dân đi lại ít hơn, hồ sơ lưu trữ an toàn.'),
    p('- Tác động tiêu cực: Giai đoạn đầu cán bộ làm song song hồ sơ giấy và điện tử.'),
    p('- Kết quả dự kiến: 90% hồ sơ được tiếp nhận điện tử; thời gian giảm từ 15 xuống 7 ngày.'),
  ]);
}

/** Draft 2: numbered headings without letters, no diacritics in the headings, a self-check at the end. */
export function numberedHeadingsDraft(): Promise<Buffer> {
  return pack([
    p('KE HOACH DE XUAT DOI MOI SANG TAO'),
    p('V/v: Tiếp nhận phản ánh của người dân qua Zalo tại xã Bản Lầu'),
    p('Linh vuc: 2'),
    h('1. Su can thiet'),
    p('Người dân phải đến trụ sở để phản ánh; nhiều phản ánh không được ghi nhận và theo dõi đến khi xử lý xong.'),
    h('2. Muc dich'),
    p('Mọi phản ánh được ghi nhận và trả lời trong 3 ngày làm việc.'),
    h('3. Yeu cau'),
    p('Không thu thập dữ liệu cá nhân ngoài số điện thoại người phản ánh.'),
    h('4. Diem nghen ve co che, chinh sach'),
    p('Chưa có quy định về tiếp nhận phản ánh qua mạng xã hội ở cấp xã.'),
    h('5. Noi dung, nhiem vu, giai phap'),
    p('Lập tài khoản Zalo OA của xã; phân công công chức trực; công khai kết quả xử lý hằng tuần.'),
    h('6. Pham vi'),
    p('Toàn xã Bản Lầu.'),
    h('7. Nguoi thuc hien'),
    p('Văn phòng HĐND-UBND xã chủ trì.'),
    h('8. Thoi gian'),
    p(`Bắt đầu: 01/04/${Y}`),
    p(`Kết thúc: 30/11/${Y}`),
    h('9. Kinh phi'),
    p('Không đề nghị kinh phí.'),
    h('10. Tinh kha thi'),
    p('Xã đã có cán bộ trẻ sử dụng thành thạo Zalo; không cần thêm thiết bị.'),
    h('11. Ket qua du kien'),
    p('100% phản ánh được ghi nhận; thời gian trả lời trung bình dưới 3 ngày.'),
    h('12. Tu danh gia theo Dieu 5'),
    p('1. Có, vì chưa có quy định tiếp nhận phản ánh qua mạng xã hội.'),
    p('2. Có, vì người dân được trả lời nhanh hơn.'),
    p('3. Có, vì phản ánh tồn đọng nhiều, không ảnh hưởng an ninh.'),
    p('4. Có, vì ứng dụng công nghệ thông tin.'),
  ]);
}

/** Draft 3: a narrative under a few headings, the period in a sentence and the milestones in a table. */
export function narrativeWithTableDraft(): Promise<Buffer> {
  return pack([
    ...header,
    p('Ứng dụng chữ ký số trong hồ sơ cán bộ, công chức của Sở'),
    h('Sự cần thiết'),
    p(
      'Hồ sơ cán bộ đang lưu bằng giấy ở nhiều phòng; việc tra cứu mất nhiều ngày và bản sao không thống nhất, gây chậm trễ khi xét nâng lương.',
    ),
    h('Mục đích, yêu cầu'),
    p('Mục đích: Tra cứu hồ sơ cán bộ trong một ngày làm việc.'),
    p('Yêu cầu: Bảo mật hồ sơ, phân quyền theo phòng.'),
    h('Điểm nghẽn'),
    p('Quy chế lưu trữ của Sở chưa công nhận bản điện tử có chữ ký số thay cho bản giấy.'),
    h('Nội dung'),
    p('Số hóa toàn bộ hồ sơ, ký số các bản sao, xây dựng quy chế khai thác.'),
    p('Phạm vi: các phòng thuộc Sở.'),
    p('Người thực hiện: Phòng Tổ chức cán bộ chủ trì.'),
    h('Tiến độ'),
    p(`Đề xuất thực hiện từ ngày 01/02/${Y} đến ngày 30/09/${Y}, theo các mốc sau:`),
    new Table({
      rows: [
        row('STT', 'Thời gian', 'Nội dung công việc'),
        row('1', `31/03/${Y}`, 'Số hóa xong hồ sơ'),
        row('2', `30/06/${Y}`, 'Ban hành quy chế khai thác'),
      ],
    }),
    h('Kinh phí'),
    p('Dự kiến 1,2 tỷ đồng; nguồn: ngân sách tỉnh cấp cho chuyển đổi số.'),
    h('Tính khả thi'),
    p('Sở đã có hệ thống quản lý văn bản và chứng thư số cho lãnh đạo các phòng.'),
    h('Tác động'),
    p('Giảm thời gian tra cứu, hồ sơ không thất lạc.'),
    h('Kết quả dự kiến'),
    p('100% hồ sơ được số hóa; thời gian tra cứu dưới 1 ngày.'),
  ]);
}

/**
 * A one-page PDF written by hand: with `text`, a page with that (ASCII) text; without, a blank page as a
 * scan without a text layer reads; `encrypted`: a standard security handler whose password is not empty.
 */
export function minimalPdf(options: { text?: string; encrypted?: boolean } = {}): Buffer {
  const stream = options.text ? `BT /F1 12 Tf 72 720 Td (${options.text.replace(/[()\\]/g, '')}) Tj ET` : '';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  if (options.encrypted) objects.push(`<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`);
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  const encrypt = options.encrypted ? ` /Encrypt ${objects.length} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]` : '';
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
