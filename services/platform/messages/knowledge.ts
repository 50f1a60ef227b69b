// Texts of the knowledge base: answers to policy questions, the article view, and the kb/ask commands.
export const knowledge = {
  officialIntro: (citation: string) => `Theo ${citation}:`,
  curatedNote: (citation: string) => `Đây là nội dung tóm tắt theo ${citation}, không phải trích nguyên văn văn bản.`,
  secondaryNote:
    'Nội dung này dựa trên bản diễn giải chưa đối chiếu được với lời văn chính thức; anh/chị nên kiểm tra văn bản chính thức trước khi áp dụng.',
  unknownNote: 'Quy định này chưa được kiểm chứng: anh/chị cần đối chiếu văn bản chính thức.',
  summaryLabel: 'Tóm tắt:',
  /** An article the pack summarises clause by clause, asked as a whole: the line before its clauses. */
  articleByClauses: (citation: string) => `${citation} gồm các khoản sau:`,
  relatedLabel: 'Có thể anh/chị quan tâm:',
  nearest: (citations: string[]) => `Các quy định gần nhất với câu hỏi: ${citations.join('; ')}.`,
  /** What the person can do next in the product after an answer on this topic (pack entries name the key). */
  nextStep: {
    'tao-de-xuat': 'Gõ “tạo đề xuất” để bắt đầu lập kế hoạch đề xuất trên trợ lý.',
    'hang-doi': 'Người đứng đầu gõ “HÀNG ĐỢI” để xem các đề xuất đang chờ mình xem xét.',
  } satisfies Record<string, string>,
  notFound:
    'Tôi chưa tìm thấy quy định nào trả lời được câu hỏi này trong Nghị định 73/2023/NĐ-CP, Quy định 32-QĐ/TU và công văn triển khai của tỉnh.',
  notFoundHint: 'Anh/chị có thể hỏi cụ thể hơn, hoặc nêu điều, khoản cần tra (ví dụ: “khoản 1 Điều 8”).',
  provisionMissing: (reference: string) =>
    `Tôi chưa có nội dung ${reference} trong cơ sở tri thức (văn bản chính thức chưa được nhập). Anh/chị cần đối chiếu văn bản chính thức.`,
  emptyQuestion: 'Anh/chị hãy nhập câu hỏi, ví dụ: “Thời hạn xem xét kế hoạch đề xuất là bao lâu?”',
  collision: [
    'Nghị định 73/2024/NĐ-CP là văn bản khác: quy định mức lương cơ sở và chế độ tiền thưởng đối với cán bộ, công chức, viên chức, lực lượng vũ trang.',
    'Tôi chỉ giải đáp Nghị định 73/2023/NĐ-CP về khuyến khích, bảo vệ cán bộ năng động, sáng tạo; câu hỏi về mức lương cơ sở anh/chị vui lòng tra Nghị định 73/2024/NĐ-CP hoặc hỏi bộ phận tổ chức – tài chính của cơ quan.',
    'Nếu anh/chị hỏi về việc nâng bậc lương trước thời hạn khi hoàn thành đề xuất đổi mới, sáng tạo, hãy hỏi: “Đề xuất hoàn thành có được nâng lương trước thời hạn không?”',
  ].join('\n'),
  otherDocument: (named: string, packLabel: string) =>
    [
      `${named} là văn bản khác, không phải ${packLabel}.`,
      'Tôi chỉ giải đáp Nghị định 73/2023/NĐ-CP về khuyến khích, bảo vệ cán bộ năng động, sáng tạo, Quy định 32-QĐ/TU, Kết luận 14-KL/TW và công văn triển khai của tỉnh; câu hỏi về văn bản kia anh/chị vui lòng tra chính văn bản đó.',
    ].join('\n'),
  defaultSuggestions: [
    'Thời hạn xem xét kế hoạch đề xuất là bao lâu?',
    'Kế hoạch đề xuất gồm những nội dung gì?',
    'Cán bộ được bảo vệ thế nào khi đề xuất không thành công?',
    'Hạn nộp báo cáo hằng năm là khi nào?',
  ],
  generatedNote: 'Câu trả lời do trợ lý diễn đạt lại từ các quy định được trích dẫn bên dưới; căn cứ là lời văn của quy định.',
  // Card and text rendering
  cardTitle: 'Giải đáp về chính sách',
  quoteLabel: 'Trích nguyên văn',
  citationLabel: 'Căn cứ',
  /** Title of the provisions shown beside an answer as related, not as its basis. */
  relatedCitationLabel: 'Xem thêm',
  sourceOfficial: 'văn bản chính thức đã nhập',
  sourceCurated: 'bản tóm tắt của trợ lý',
  showArticle: 'Xem toàn văn điều',
  articleNotFound: 'Không tìm thấy điều khoản này nữa (văn bản có thể đã được cập nhật). Anh/chị hãy hỏi lại.',
  truncated: '… (nội dung dài, gõ “xem toàn văn” hoặc mở văn bản chính thức để đọc đủ)',
  textShowArticleHint: (command: string) => `Gõ “${command}” để xem toàn văn điều.`,
  // CLI
  cli: {
    importFound: (label: string, shape: 'decree' | 'letter') =>
      `Đã đọc ${label} (${shape === 'decree' ? 'dạng nghị định/quy định: chương, điều, khoản, điểm' : 'dạng công văn: mục, điểm, gạch đầu dòng'}).`,
    counts: (c: Record<string, number>) =>
      `Tìm thấy: ${c.phan} phần, ${c.chuong} chương, ${c.muc} mục, ${c.dieu} điều, ${c.khoan} khoản, ${c.diem} điểm, ${c.y} gạch đầu dòng, ${c.doan} đoạn.`,
    firstCitations: 'Một số trích dẫn đầu tiên:',
    stored: (version: number, superseded: number | null) =>
      superseded === null
        ? `Đã lưu phiên bản ${version}.`
        : `Đã lưu phiên bản ${version}; phiên bản ${superseded} được đánh dấu là đã bị thay thế.`,
    sameContent: 'Lưu ý: nội dung giống hệt phiên bản trước.',
    dryRun: 'Chạy thử (--dry-run): chưa lưu gì.',
    codeGuessed: (code: string) => `Văn bản chưa ghi số; dùng ký hiệu tạm “${code}”. Dùng --code để đặt ký hiệu khác.`,
    listEmpty: 'Chưa có văn bản nào được nhập. Dùng: npm run cli -- kb import <tệp>.',
    listHeader: 'Các văn bản trong cơ sở tri thức:',
    notFound: (code: string) => `Không có văn bản nào có ký hiệu “${code}”.`,
    removed: (code: string, n: number) => `Đã xóa ${n} phiên bản của văn bản “${code}”.`,
    superseded: 'đã bị thay thế',
    current: 'đang dùng',
    invalidKind: (kinds: string) => `--kind phải là một trong: ${kinds}.`,
  },
};
