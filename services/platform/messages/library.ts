// Texts of the province's library of innovations: search, the similar proposals shown before sending and
// on the decider's card, joining forces, "gợi ý" at a wizard step and "áp dụng tại đơn vị tôi".
const OUTCOMES: Record<string, string> = {
  completed: 'Hoàn thành',
  not_completed_pure_motive: 'Chưa hoàn thành hoặc hoàn thành một phần, đúng chủ trương, vì lợi ích chung',
  not_completed_with_damage: 'Chưa hoàn thành hoặc hoàn thành một phần, có thiệt hại',
  not_by_policy: 'Không thực hiện đúng chủ trương, quy định',
  not_evaluated: 'Chưa đánh giá kết quả',
};

/** How an excerpt names its source: only the kind of unit. */
const UNIT_KINDS: Record<string, string> = {
  ubnd_tinh: 'UBND tỉnh',
  so_nganh: 'một sở, ngành',
  ubnd_xa: 'một UBND xã, phường',
  don_vi_su_nghiep: 'một đơn vị sự nghiệp',
  phong: 'một phòng chuyên môn',
  khac: 'một cơ quan',
};

export const library = {
  outcomes: OUTCOMES,
  outcomeLabel: (outcome: string | null) => OUTCOMES[outcome ?? 'not_evaluated'] ?? outcome ?? '',
  unitKind: (kind: string) => UNIT_KINDS[kind] ?? UNIT_KINDS.khac!,
  notAllowed: 'Thư viện sáng kiến chỉ dành cho cán bộ có trong danh bạ của tỉnh.',

  // Search
  title: 'Thư viện sáng kiến của tỉnh',
  resultsFor: (words: string) => `Kết quả tìm «${words}»`,
  latest: 'Các sáng kiến mới nhất đã được phê duyệt hoặc đánh giá.',
  found: (shown: number, total: number) =>
    shown < total ? `Tìm thấy ${total} sáng kiến; dưới đây là ${shown} sáng kiến phù hợp nhất.` : `Tìm thấy ${total} sáng kiến.`,
  noResults: (words: string) =>
    `Chưa có sáng kiến nào trong thư viện khớp với «${words}». Anh/chị thử từ khóa khác, ví dụ: “tìm sáng kiến chữ ký số”.`,
  empty: 'Thư viện sáng kiến chưa có đề xuất nào được phê duyệt.',
  entryHeading: (i: number, code: string, title: string) => `${i}. ${code} · ${title}`,
  entryText: (e: {
    unitName: string;
    field: string;
    year: number;
    status: string;
    summary: string;
    result: string | null;
    name: string | null;
  }) =>
    [
      `${e.unitName} · ${e.field} · năm ${e.year}${e.name ? ` · người đề xuất: ${e.name}` : ''}`,
      `Kết quả: ${e.status}`,
      e.summary,
      ...(e.result ? [`Đánh giá: ${e.result}`] : []),
    ].join('\n'),
  page: (url: string) => `Lọc theo lĩnh vực, đơn vị, năm và kết quả tại trang Thư viện sáng kiến: ${url}`,
  apply: (i: number) => `Áp dụng tại đơn vị tôi (${i})`,
  searchHelp: 'Gõ “tìm sáng kiến” kèm từ khóa, ví dụ: “tìm sáng kiến chữ ký số”.',

  // "áp dụng tại đơn vị tôi"
  applyNotFound: 'Không tìm thấy sáng kiến này trong thư viện (chỉ các đề xuất đã được phê duyệt hoặc đánh giá).',
  applied: (code: string, title: string, unit: string) =>
    `Đã tạo bản nháp từ sáng kiến ${code} «${title}» của ${unit}: tên, lĩnh vực, nội dung, giải pháp và tác động đã được điền sẵn để anh/chị sửa cho phù hợp. Sự cần thiết và điểm nghẽn về cơ chế, chính sách anh/chị tự viết cho đơn vị mình; phạm vi, người thực hiện, thời gian và nguồn lực cũng vậy.`,
  sourceHeading: 'Nguồn sáng kiến',
  sourceText: (code: string, title: string, unit: string) => `Áp dụng sáng kiến ${code} «${title}» của ${unit}.`,

  // Similar proposals
  similarHeading: 'Đề xuất tương tự đã có',
  similarIntro:
    'Trước khi gửi, anh/chị xem các đề xuất tương tự dưới đây. Anh/chị có thể vẫn gửi, sửa kế hoạch, hoặc phối hợp với nơi đã làm (trợ lý cho biết người cần liên hệ và ghi chú việc phối hợp vào kế hoạch).',
  similarLine: (code: string, title: string, where: 'library' | 'pending', unit: string, status: string) =>
    `${code} · ${title}\n${where === 'library' ? 'Thư viện sáng kiến' : 'Đang xem xét tại đơn vị'} · ${unit} · ${status}`,
  deciderSimilarHeading: 'Đề xuất tương tự (thư viện sáng kiến, đơn vị)',
  join: (code: string) => `Phối hợp với ${code}`,
  joinNotFound: 'Không tìm thấy đề xuất tương tự này, hoặc nó không còn hiển thị cho anh/chị.',
  joinNoDraft: 'Việc phối hợp được ghi vào bản nháp đang soạn: anh/chị mở lại bản nháp (“tiếp tục”) rồi chọn lại.',
  joinContactNamed: (name: string, unit: string) => `${name} (${unit})`,
  joinContactUnit: (unit: string) => `lãnh đạo ${unit} (người đề xuất không đăng ký nêu tên)`,
  joined: (code: string, contact: string) =>
    `Đã ghi vào kế hoạch: anh/chị đề nghị phối hợp với đề xuất ${code}. Người cần liên hệ: ${contact}. Người xem xét sẽ thấy ghi chú này khi nhận kế hoạch.`,
  joinHeading: 'Đề nghị phối hợp với',

  // Consent to be named in the library
  consentNo: 'Khi được phê duyệt, Thư viện sáng kiến của tỉnh chỉ nêu tên đơn vị (mặc định).',
  consentYes: 'Khi được phê duyệt, Thư viện sáng kiến của tỉnh nêu cả tên anh/chị (anh/chị đã đồng ý).',
  consentGive: 'Nêu tên tôi',
  consentWithdraw: 'Không nêu tên tôi',
  consentNoDraft: 'Lựa chọn này chỉ áp dụng cho kế hoạch đang soạn, trước khi gửi.',

  // "gợi ý"
  hintsTitle: (label: string) => `Gợi ý cho mục «${label}» từ các kế hoạch đã được phê duyệt cùng lĩnh vực:`,
  hintLine: (i: number, text: string, unitKind: string) => `${i}. “${text}” (${unitKind})`,
  hintsNone: 'Chưa có kế hoạch đã được phê duyệt cùng lĩnh vực để tham khảo; anh/chị xem ví dụ của bước này:',
  hintsAfter: 'Đây chỉ là tham khảo: anh/chị viết theo thực tế đơn vị mình.',
};

/** "viết giúp" (optional generative help at a wizard step). */
export const writing = {
  off: 'Chức năng “viết giúp” chưa được bật ở trợ lý này (cần cấu hình dịch vụ mô hình ngôn ngữ). Anh/chị gõ “gợi ý” để xem cách nơi khác đã viết.',
  notText: '“Viết giúp” chỉ dùng cho các mục viết thành lời; bước này anh/chị chọn hoặc gõ theo ví dụ.',
  noDraft: 'Chưa có bản nháp nào cho bước này: gõ “viết giúp” để trợ lý viết, hoặc gõ nội dung của anh/chị.',
  failed: 'Trợ lý chưa viết được bản nháp lúc này. Anh/chị gõ nội dung, hoặc thử lại sau.',
  invalid: (error: string) =>
    `Bản nháp trợ lý viết chưa đạt yêu cầu của mục này (${error}), nên không đưa ra. Anh/chị gõ nội dung của mình.`,
  draft: (label: string, text: string) =>
    `BẢN NHÁP do trợ lý viết cho mục «${label}» (chưa được ghi; anh/chị cần đọc, sửa cho đúng thực tế đơn vị):\n\n${text}\n\nGõ “dùng bản nháp” để ghi nguyên văn bản nháp này, hoặc gõ nội dung của anh/chị (có thể sao chép, sửa rồi gửi).`,
};
