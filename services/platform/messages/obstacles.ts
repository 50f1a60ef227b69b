// Obstacle reports at any time ("báo vướng mắc"): the short dialog, Home Affairs' handling, the notices.
// Wording follows the implementation's obstacle reports (after-decision.ts).
export const obstacles = {
  menuButton: 'Báo vướng mắc',
  askText:
    'Anh/chị mô tả khó khăn, vướng mắc khi áp dụng Nghị định 73/2023/NĐ-CP (ví dụ: điểm nghẽn, thiếu hướng dẫn, các văn bản chưa thống nhất). Gõ “hủy” để dừng.',
  textRequired: 'Chưa có nội dung vướng mắc nên chưa ghi nhận gì. Anh/chị mô tả ngắn gọn khó khăn gặp phải (gõ “hủy” để dừng).',
  textTooLong: (max: number) => `Nội dung dài quá ${max} ký tự; anh/chị rút gọn giúp (gõ “hủy” để dừng).`,
  askField: (options: string[]) =>
    `Vướng mắc thuộc lĩnh vực nào? Trả lời bằng số hoặc tên lĩnh vực, hoặc “bỏ qua”:\n${options.map((o, i) => `${i + 1}. ${o}`).join('\n')}`,
  fieldUnknown: 'Chưa nhận ra lĩnh vực. Anh/chị trả lời bằng số trong danh sách, hoặc “bỏ qua”.',
  askProvision: 'Vướng mắc liên quan đến văn bản, điều khoản nào (ví dụ: Điều 8 Nghị định 73/2023/NĐ-CP)? Gõ “bỏ qua” nếu chưa rõ.',
  askHead: (head: string) => `Anh/chị có muốn gửi đồng thời cho ${head} (thủ trưởng đơn vị) không? Trả lời “có” hoặc “không”.`,
  yesOrNo: 'Anh/chị trả lời “có” hoặc “không” giúp.',
  cancelled: 'Đã dừng, không ghi nhận vướng mắc nào.',
  submitted: (code: string, toHead: string | null) =>
    `Đã ghi nhận vướng mắc ${code} và chuyển đến Sở Nội vụ${toHead ? ` và ${toHead}` : ''}. Anh/chị sẽ được báo khi có trả lời.`,
  noHomeAffairs: 'Danh bạ chưa có Sở Nội vụ nên chưa thể gửi vướng mắc. Anh/chị liên hệ bộ phận quản trị.',
  notFound: 'Không tìm thấy vướng mắc này, hoặc anh/chị không có quyền xem.',
  homeAffairsOnly: 'Chỉ cán bộ Sở Nội vụ xử lý vướng mắc.',
  answerRequired: 'Cần nội dung trả lời (hoặc ghi chú) kèm theo.',
  groupTargetMissing: 'Cần mã vướng mắc để gộp vào, ví dụ: GỘP VƯỚNG MẮC VM-3 VM-1.',
  groupSelf: 'Không thể gộp một vướng mắc vào chính nó.',
  alreadyClosed: (code: string) => `Vướng mắc ${code} đã được giải quyết hoặc chuyển thành kiến nghị.`,
  statusLabels: {
    open: 'Chờ xử lý',
    answered: 'Đã trả lời',
    resolved: 'Đã giải quyết',
    forwarded: 'Đã chuyển thành kiến nghị chính sách',
  } satisfies Record<string, string>,
  cardTitle: (code: string) => `Vướng mắc ${code}`,
  factAuthor: 'Người báo',
  factUnit: 'Đơn vị',
  factField: 'Lĩnh vực',
  factProvision: 'Văn bản, điều khoản',
  factStatus: 'Tình trạng',
  factGroup: 'Gộp với',
  sectionText: 'Nội dung',
  sectionAnswer: 'Trả lời của Sở Nội vụ',
  notGiven: 'Chưa nêu',
  actionAnswer: 'Trả lời',
  actionGroup: 'Gộp',
  actionResolve: 'Đã giải quyết',
  actionForward: 'Chuyển kiến nghị',
  done: {
    answered: (code: string) => `Đã gửi trả lời vướng mắc ${code}; người báo đã được thông báo.`,
    grouped: (code: string, into: string) => `Đã gộp vướng mắc ${code} vào ${into}; người báo đã được thông báo.`,
    resolved: (code: string) => `Đã đánh dấu vướng mắc ${code} là đã giải quyết; người báo đã được thông báo.`,
    forwarded: (code: string) => `Đã chuyển vướng mắc ${code} thành kiến nghị chính sách; người báo đã được thông báo.`,
  } satisfies Record<string, (code: string, into: string) => string>,
  listTitle: 'Vướng mắc chờ xử lý',
  listEmpty: 'Không có vướng mắc nào chờ xử lý.',
  listLine: (code: string, field: string, author: string, status: string) => `• ${code} – ${field} – ${author} (${status})`,
  newNotice: (code: string, author: string, unit: string, field: string) =>
    `Vướng mắc mới ${code} khi áp dụng Nghị định 73 (${field}), do ${author} – ${unit} báo.`,
  authorNotice: {
    answered: (code: string, answer: string) => `Sở Nội vụ đã trả lời vướng mắc ${code} của anh/chị:\n${answer}`,
    grouped: (code: string, into: string) =>
      `Vướng mắc ${code} của anh/chị được gộp với vướng mắc tương tự ${into} để xử lý chung; anh/chị vẫn được báo kết quả.`,
    resolved: (code: string, note: string) => `Vướng mắc ${code} của anh/chị đã được giải quyết.${note ? `\n${note}` : ''}`,
    forwarded: (code: string, note: string) =>
      `Vướng mắc ${code} của anh/chị đã được Sở Nội vụ tổng hợp thành kiến nghị sửa đổi, bổ sung chính sách.${note ? `\n${note}` : ''}`,
  } satisfies Record<string, (code: string, text: string) => string>,
  /** The yearly report's section (Decree 30 document). */
  report: {
    heading: (n: string) => `2. Khó khăn, vướng mắc khi áp dụng Nghị định do cán bộ phản ánh: ${n} lượt`,
    byField: 'Theo lĩnh vực và tình trạng xử lý',
    columns: ['Lĩnh vực', 'Chờ xử lý', 'Đã trả lời', 'Đã giải quyết', 'Đã chuyển kiến nghị'],
    none: 'Không có vướng mắc nào do cán bộ phản ánh trong năm.',
    forwardedHeading: 'Kiến nghị sửa đổi, bổ sung chính sách từ các vướng mắc',
    forwardedLine: (code: string, field: string, provision: string, text: string) =>
      `${code} (${field}${provision ? `; ${provision}` : ''}): ${text}`,
  },
};
