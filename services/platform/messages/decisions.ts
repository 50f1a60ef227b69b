// Texts of routing and decisions (Decree 73/2023/NĐ-CP Art. 7.3–7.4, 8.1).
//
// Typed commands (every channel; with or without diacritics; <mã> is the proposal code, e.g. ĐX-2026-0001
// or DX-2026-0001):
//   DUYỆT <mã>                          intake: chuyển Chủ tịch UBND tỉnh; người quyết định mà tập thể chỉ
//                                       có một người biểu quyết: phê duyệt
//   CHUYỂN <mã> [ý kiến]                intake (Sở Nội vụ): hồ sơ đầy đủ, chuyển Chủ tịch UBND tỉnh
//   HỘI ĐỒNG <mã> [ý kiến]              intake: đề xuất thành lập Hội đồng đánh giá và chuyển Chủ tịch
//   TRẢ LẠI <mã> <ý kiến>  (BỔ SUNG)    trả lại để người đề xuất chỉnh sửa, bổ sung
//   BIỂU QUYẾT <mã>                     người đứng đầu mở biểu quyết tập thể lãnh đạo
//   TÁN THÀNH <mã> [ý kiến]             thành viên biểu quyết tán thành
//   KHÔNG TÁN THÀNH <mã> <ý kiến>       thành viên biểu quyết không tán thành
//   KẾT THÚC BIỂU QUYẾT <mã>            người đứng đầu kết thúc biểu quyết (khi đủ phiếu hoặc đến hạn)
//   KẾT QUẢ HỌP <mã> <số tán thành> <số không tán thành> <CÓ|KHÔNG> <thành phần dự họp>
//                                       ghi kết quả cuộc họp trực tiếp; CÓ/KHÔNG: người đứng đầu tán thành?
//   VẪN TRIỂN KHAI <mã> <lý do>         không được thông qua, người đứng đầu vẫn quyết định thực hiện (bằng văn bản)
//   KHÔNG TRIỂN KHAI <mã> [ý kiến]      không được thông qua và không thực hiện
//   XIN Ý KIẾN CẤP ỦY <mã>              (khi tỉnh bật bước này) bắt đầu xin ý kiến cấp ủy cùng cấp
//   Ý KIẾN CẤP ỦY <mã> <ý kiến>         ghi ý kiến của cấp ủy; sau đó mới biểu quyết
//   HÀNG ĐỢI                            (Sở Nội vụ) kế hoạch chưa chuyển được, thông báo chưa gửi được
//   CHUYỂN LẠI <mã>                     (Sở Nội vụ) chuyển lại kế hoạch sau khi đã cập nhật danh bạ
//   SỬA <mã>                            (người đề xuất) mở lại kế hoạch được trả lại để chỉnh sửa rồi gửi lại
//
// While the officer is in the middle of the plan wizard, a typed command that names a proposal code runs
// first and the wizard then repeats its question (bot/core/message-router.ts); without a code, the text is
// the wizard's answer ("Chuyển đổi số…" is a title, not CHUYỂN).
import { formatDateVN } from '../../calendar/local-date.js';

export const DECISION_STATUS_LABELS: Record<string, string> = {
  draft: 'Đang soạn',
  submitted: 'Đã gửi, đang chuyển',
  routing_failed: 'Chưa xác định được người xem xét (Sở Nội vụ đang xử lý)',
  in_intake: 'Sở Nội vụ đang tiếp nhận',
  under_review: 'Đang chờ xem xét',
  party_consultation: 'Đang xin ý kiến cấp ủy',
  voting: 'Tập thể lãnh đạo đang biểu quyết',
  returned: 'Được trả lại để bổ sung',
  approved: 'Đã được phê duyệt',
  approved_by_override: 'Người đứng đầu quyết định triển khai (bằng văn bản)',
  rejected: 'Không được thông qua',
  implementing: 'Đang triển khai',
  paused: 'Tạm dừng',
  stopped: 'Đã dừng',
  completion_reported: 'Đã báo cáo hoàn thành',
  evaluating: 'Đang đánh giá',
  evaluated: 'Đã đánh giá',
  closed: 'Đã kết thúc',
  withdrawn: 'Đã rút',
};

const ROUTING_FAILURES: Record<string, string> = {
  no_employing_unit: 'chưa xác định được cơ quan sử dụng cán bộ của anh/chị trong danh bạ',
  no_head: 'đơn vị có thẩm quyền chưa có người đứng đầu trong danh bạ',
  no_superior: 'chưa xác định được cơ quan cấp trên có thẩm quyền trong danh bạ',
  no_home_affairs: 'danh bạ chưa có Sở Nội vụ (đầu mối tiếp nhận)',
  proposer_missing: 'không tìm thấy người đề xuất trong danh bạ',
};

/** 7 → "07": time limits are written with two digits, as the decree does. */
const pad = (n: number) => String(n).padStart(2, '0');

export const decisions = {
  statusLabel: (status: string) => DECISION_STATUS_LABELS[status] ?? status,
  due: (date: string | null | undefined) => (date ? formatDateVN(date) : 'chưa có'),
  commandHelp: [
    'Các lệnh gõ trực tiếp (có dấu hoặc không dấu):',
    '• DUYỆT <mã> • CHUYỂN <mã> • HỘI ĐỒNG <mã>',
    '• TRẢ LẠI <mã> <ý kiến> (hoặc BỔ SUNG <mã> <ý kiến>)',
    '• BIỂU QUYẾT <mã> • KẾT THÚC BIỂU QUYẾT <mã>',
    '• TÁN THÀNH <mã> [ý kiến] • KHÔNG TÁN THÀNH <mã> <ý kiến>',
    '• KẾT QUẢ HỌP <mã> <số tán thành> <số không tán thành> <CÓ|KHÔNG> <thành phần dự họp>',
    '• VẪN TRIỂN KHAI <mã> <lý do> • KHÔNG TRIỂN KHAI <mã> [ý kiến]',
    '• (Sở Nội vụ) HÀNG ĐỢI • CHUYỂN LẠI <mã>',
  ].join('\n'),

  // Card texts
  deciderTitle: (code: string) => `Kế hoạch đề xuất đổi mới, sáng tạo ${code}`,
  intakeTitle: (code: string) => `Tiếp nhận kế hoạch đề xuất ${code} (Sở Nội vụ)`,
  voteTitle: (code: string) => `Biểu quyết kế hoạch đề xuất ${code}`,
  factProposer: 'Người đề xuất',
  factUnit: 'Đơn vị',
  factStatus: 'Trạng thái',
  factDecider: 'Người xem xét',
  factDue: 'Hạn xem xét',
  factReceived: 'Ngày nhận',
  factTally: 'Kết quả biểu quyết',
  factRevision: 'Lần gửi',
  factFunding: 'Kinh phí',
  factPeriod: 'Thời gian thực hiện',
  funding: (amount: string | undefined, source: string | undefined) =>
    [amount && /^\d+$/.test(amount) ? `${amount.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng` : amount, source ? `nguồn: ${source}` : '']
      .filter(Boolean)
      .join('; '),
  period: (start: string, end: string) => `từ ngày ${start} đến ngày ${end}`,
  selfCheckHeading: 'Tự đánh giá điều kiện của người đề xuất (Điều 5)',
  selfCheckLabels: {
    c1: 'Tháo gỡ điểm nghẽn về cơ chế, chính sách chưa được quy định',
    c2: 'Vì lợi ích chung, mang lại giá trị thực tiễn',
    c3: 'Xuất phát từ yêu cầu thực tiễn cấp bách, không gây phương hại',
    c4: 'Thúc đẩy phân cấp, cải cách thủ tục hành chính hoặc ứng dụng công nghệ thông tin',
  } satisfies Record<string, string>,
  selfCheckLine: (n: number, label: string, met: boolean, reason: string) =>
    `${n}. ${label}: ${met ? 'Có' : 'Không'}${reason ? ` – ${reason}` : ''}`,
  planDocument: 'Kế hoạch đề xuất (.docx)',
  meetingSecondary: 'Nếu tập thể lãnh đạo đã họp trực tiếp: ghi kết quả cuộc họp',
  actingSuffix: ' (phụ trách)',
  intakeIntro: (days: number) =>
    `Kế hoạch của người đứng đầu cơ quan, đơn vị gửi Chủ tịch UBND tỉnh qua Sở Nội vụ (đầu mối tiếp nhận, tổng hợp theo công văn triển khai của UBND tỉnh). Đề nghị kiểm tra tính đầy đủ, rồi chuyển Chủ tịch UBND tỉnh, đề xuất thành lập Hội đồng đánh giá nếu phức tạp, hoặc trả lại để bổ sung. Hạn tiếp nhận là thời hạn do tỉnh cấu hình (${pad(days)} ngày làm việc), không phải thời hạn do Nghị định quy định.`,
  // Art. 8.1 (verified) for a plan decided by the head of the employing agency.
  deciderIntro: (days: number) =>
    `Theo khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP, trong thời hạn 07 ngày làm việc kể từ ngày nhận, người đứng đầu chủ trì họp tập thể lãnh đạo để thảo luận và biểu quyết (người đứng đầu và cấp phó, trừ cấp phó là người đề xuất). Đề xuất được thông qua khi trên 50% tán thành; nếu ngang nhau, theo ý kiến của người đứng đầu.${days === 7 ? '' : ` Thời hạn do tỉnh cấu hình: ${pad(days)} ngày làm việc.`}`,
  // Art. 7.4 (verified: the plan goes to the superior head); its procedure and time limit are unknown.
  headPlanIntro: (days: number) =>
    `Đây là kế hoạch của người đứng đầu, gửi người đứng đầu cơ quan cấp trên (khoản 4 Điều 7 Nghị định 73/2023/NĐ-CP). Thủ tục và thời hạn xem xét kế hoạch này chưa được xác minh trong văn bản: hạn xem xét là thời hạn do tỉnh cấu hình (${pad(days)} ngày làm việc), việc biểu quyết của tập thể lãnh đạo theo cách tính của khoản 1 Điều 8 là lựa chọn của tỉnh; cần đối chiếu văn bản chính thức.`,
  factDueConfigured: 'Hạn xem xét (theo cấu hình của tỉnh)',
  councilProposed: 'Sở Nội vụ đề xuất thành lập Hội đồng đánh giá đối với đề xuất này.',
  changesHeading: 'Những nội dung đã thay đổi so với lần gửi trước',
  changeLine: (field: string, before: string, after: string) => `${field}: “${before || '(trống)'}” → “${after || '(trống)'}”`,
  returnCommentHeading: 'Ý kiến khi trả lại lần trước',
  planHeading: (label: string) => label,
  voteIntro:
    'Anh/chị là thành viên tập thể lãnh đạo biểu quyết đề xuất này (khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP). Chọn tán thành hoặc không tán thành; có thể ghi ý kiến.',
  headPlanVoteIntro:
    'Anh/chị là thành viên tập thể lãnh đạo biểu quyết kế hoạch của người đứng đầu cơ quan cấp dưới. Việc biểu quyết áp dụng cách tính của khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP theo lựa chọn của tỉnh (thủ tục cho kế hoạch của người đứng đầu chưa được xác minh). Chọn tán thành hoặc không tán thành; có thể ghi ý kiến.',
  voteNotPassed:
    'Tập thể lãnh đạo chưa thông qua đề xuất. Người đứng đầu có thể vẫn quyết định triển khai nếu xét thấy cần thiết, khả thi, và phải chịu trách nhiệm trước cơ quan cấp trên và trước pháp luật về quyết định này (khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP). Quyết định phải thể hiện bằng văn bản.',
  overrideResponsibility:
    'Bằng việc chọn “Vẫn triển khai”, anh/chị quyết định thực hiện đề xuất khi tập thể chưa thông qua và chịu trách nhiệm trước cơ quan cấp trên và trước pháp luật. Hệ thống lập Quyết định bằng văn bản theo thể thức Nghị định 30/2020/NĐ-CP.',
  outcomeLine: (outcome: string) =>
    ({
      forwarded: 'Đã chuyển Chủ tịch UBND tỉnh.',
      returned: 'Đã trả lại để bổ sung.',
      approved: 'Đề xuất đã được phê duyệt (tập thể lãnh đạo biểu quyết thông qua).',
      approved_by_override: 'Người đứng đầu đã quyết định triển khai bằng văn bản.',
      rejected: 'Đề xuất không được thông qua và không triển khai.',
    })[outcome] ?? outcome,
  tally: (inFavour: number, against: number, voters: number) => `${inFavour}/${voters} tán thành, ${against}/${voters} không tán thành`,
  voteChoice: (choice: 'for' | 'against' | null) =>
    choice === 'for' ? 'tán thành' : choice === 'against' ? 'không tán thành' : 'chưa biểu quyết',
  voterLine: (name: string, choice: string, comment: string | null) => `${name}: ${choice}${comment ? ` (${comment})` : ''}`,
  votersHeading: 'Biểu quyết của tập thể lãnh đạo',
  meetingHeading: 'Kết quả cuộc họp tập thể lãnh đạo',
  meetingParticipants: (p: string) => `Thành phần dự họp: ${p}`,
  meetingMinutes: (m: string) => `Biên bản: ${m}`,
  readOnly: 'Thẻ này chỉ để xem; các thao tác dành cho người được giao.',

  // Actions
  actionForward: 'Chuyển Chủ tịch UBND tỉnh',
  actionCouncil: 'Đề xuất lập Hội đồng đánh giá và chuyển',
  actionReturn: 'Trả lại để bổ sung',
  actionOpenVote: 'Mở biểu quyết tập thể',
  actionApprove: 'Phê duyệt',
  actionMeeting: 'Ghi kết quả họp trực tiếp',
  actionCloseVote: 'Kết thúc biểu quyết',
  actionFor: 'Tán thành',
  actionAgainst: 'Không tán thành',
  actionOverride: 'Vẫn triển khai (quyết định bằng văn bản)',
  actionNotProceed: 'Không triển khai',
  actionPartyStart: 'Xin ý kiến cấp ủy',
  actionPartyRecord: 'Ghi ý kiến cấp ủy',
  partyIntro:
    'Trước khi phê duyệt, cơ quan báo cáo, xin ý kiến cấp ủy cùng cấp (khoản 3 Điều 4 Nghị định số 73/2023/NĐ-CP). Ghi ý kiến cấp ủy để mở biểu quyết hoặc ghi kết quả họp.',
  commentPlaceholder: 'Ý kiến (bắt buộc khi trả lại hoặc không tán thành)',
  reasonsPlaceholder: 'Lý do xét thấy cần thiết, khả thi (bắt buộc khi vẫn triển khai)',
  meetingFor: 'Số phiếu tán thành',
  meetingAgainst: 'Số phiếu không tán thành',
  meetingHeadVote: 'Người đứng đầu',
  meetingParticipantsLabel: 'Thành phần dự họp',
  meetingMinutesLabel: 'Tóm tắt biên bản (nếu có)',

  // Results of actions
  done: {
    forwarded: (code: string) => `Đã chuyển kế hoạch ${code} đến Chủ tịch UBND tỉnh.`,
    returned: (code: string) => `Đã trả lại kế hoạch ${code} cho người đề xuất để bổ sung.`,
    vote_opened: (code: string) => `Đã mở biểu quyết kế hoạch ${code}; các thành viên tập thể lãnh đạo đã nhận phiếu.`,
    vote_cast: (code: string) => `Đã ghi nhận biểu quyết của anh/chị đối với kế hoạch ${code}.`,
    vote_closed: (code: string) => `Đã kết thúc biểu quyết kế hoạch ${code}.`,
    meeting_recorded: (code: string) => `Đã ghi kết quả họp tập thể lãnh đạo về kế hoạch ${code}.`,
    approved: (code: string) => `Đã phê duyệt kế hoạch ${code}.`,
    overridden: (code: string) => `Đã ghi nhận quyết định triển khai kế hoạch ${code} bằng văn bản.`,
    rejected: (code: string) => `Đã ghi nhận quyết định không triển khai kế hoạch ${code}.`,
    party_started: (code: string) => `Đã ghi nhận việc xin ý kiến cấp ủy về kế hoạch ${code}.`,
    party_consulted: (code: string) => `Đã ghi ý kiến cấp ủy về kế hoạch ${code}; anh/chị có thể tiếp tục xem xét, biểu quyết.`,
  } satisfies Record<string, (code: string) => string>,
  refusal: {
    not_found: 'Không tìm thấy đề xuất này. Anh/chị kiểm tra lại mã đề xuất (ví dụ ĐX-2026-0001).',
    not_decider: 'Anh/chị không phải người được giao xem xét đề xuất này nên không thể thực hiện thao tác. Thao tác đã được ghi lại.',
    not_voter: 'Anh/chị không thuộc tập thể lãnh đạo biểu quyết đề xuất này nên không thể biểu quyết. Thao tác đã được ghi lại.',
    already_done: 'Đề xuất này đã được xử lý; dưới đây là tình trạng hiện tại.',
    wrong_state: 'Thao tác này không còn phù hợp với tình trạng hiện tại của đề xuất; dưới đây là tình trạng hiện tại.',
    comment_required: 'Anh/chị vui lòng ghi ý kiến (lý do) cho thao tác này.',
    vote_not_finished: 'Chưa thể kết thúc biểu quyết: còn thành viên chưa biểu quyết và chưa đến hạn xem xét.',
    single_voter_only:
      'Đề xuất cần được tập thể lãnh đạo biểu quyết (khoản 1 Điều 8 Nghị định 73/2023/NĐ-CP). Anh/chị chọn “Mở biểu quyết tập thể” hoặc ghi kết quả họp trực tiếp.',
    party_consultation_required:
      'Trước khi phê duyệt, cơ quan phải báo cáo, xin ý kiến cấp ủy cùng cấp (khoản 3 Điều 4 Nghị định số 73/2023/NĐ-CP). Anh/chị ghi ý kiến cấp ủy trước: “Ý KIẾN CẤP ỦY <mã> <ý kiến>”.',
    invalid_counts:
      'Số phiếu không hợp lệ: tổng số phiếu tán thành và không tán thành không được vượt quá số thành viên biểu quyết; cần ghi thành phần dự họp, và khi số phiếu bằng nhau phải chọn ý kiến của người đứng đầu.',
  } satisfies Record<string, string>,
  badCommand: (example: string) => `Lệnh chưa đúng. Ví dụ: ${example}`,

  // Notifications
  routed: (code: string, name: string, position: string, due: string) =>
    `Kế hoạch đề xuất ${code} của anh/chị đã được gửi đến ${name} (${position}) để xem xét. Hạn xem xét: ${due}.`,
  routedIntake: (code: string, name: string, due: string) =>
    `Kế hoạch đề xuất ${code} của anh/chị đã được gửi Sở Nội vụ (${name}) để tiếp nhận, tổng hợp trình Chủ tịch UBND tỉnh. Hạn: ${due}.`,
  routingFailed: (code: string, reason: string) =>
    `Kế hoạch đề xuất ${code} của anh/chị đã được lưu nhưng chưa thể gửi đi vì ${ROUTING_FAILURES[reason] ?? 'lỗi chuyển hồ sơ'}. Sở Nội vụ đã được báo để xử lý; kế hoạch không bị mất.`,
  queueNotice: (code: string, reason: string, unit: string | null) =>
    `Kế hoạch đề xuất ${code} chưa chuyển được đến người có thẩm quyền vì ${ROUTING_FAILURES[reason] ?? 'lỗi chuyển hồ sơ'}${unit ? ` (${unit})` : ''}. Đề nghị Sở Nội vụ cập nhật danh bạ rồi chuyển lại.`,
  outcomeApproved: (code: string) => `Kế hoạch đề xuất ${code} của anh/chị đã được phê duyệt: tập thể lãnh đạo biểu quyết thông qua.`,
  outcomeOverride: (code: string) =>
    `Tập thể lãnh đạo chưa thông qua kế hoạch ${code}, nhưng người đứng đầu đã quyết định bằng văn bản triển khai thực hiện.`,
  outcomeRejected: (code: string) => `Kế hoạch đề xuất ${code} của anh/chị không được thông qua.`,
  outcomeReturned: (code: string) =>
    `Kế hoạch đề xuất ${code} được trả lại để anh/chị chỉnh sửa, bổ sung. Bấm “Sửa đề xuất” (hoặc gõ “SỬA ${code}”) để mở lại kế hoạch; sau khi sửa, anh/chị gửi lại: kế hoạch giữ nguyên mã và đến cùng người xem xét.`,
  commentsHeading: 'Ý kiến',
  overrideDocument: (url: string) => `Quyết định bằng văn bản (.docx, thể thức Nghị định 30/2020/NĐ-CP): ${url}`,
  reminder: (code: string, due: string, days: number) =>
    days > 0
      ? `Nhắc việc: kế hoạch đề xuất ${code} cần được xem xét trước ${due} (còn ${days} ngày làm việc).`
      : `Nhắc việc: hôm nay (${due}) là hạn xem xét kế hoạch đề xuất ${code}.`,
  escalation: (code: string, holder: string, due: string) =>
    `Kế hoạch đề xuất ${code} đã quá hạn xem xét (${due}) mà ${holder} chưa xử lý. Đề nghị Sở Nội vụ đôn đốc.`,

  // Home Affairs queue
  queueTitle: 'Hàng đợi của Sở Nội vụ',
  queueOnlyHomeAffairs: 'Chức năng này dành cho cán bộ Sở Nội vụ.',
  queueEmpty: 'Không có kế hoạch nào chờ chuyển và không có thông báo nào gửi không thành công.',
  queueRoutingHeading: 'Kế hoạch chưa chuyển được (gõ “CHUYỂN LẠI <mã>” sau khi cập nhật danh bạ)',
  queueOutboxHeading: 'Thông báo chưa gửi được (hệ thống tự thử lại)',
  queueOutboxLine: (who: string, code: string, attempts: number, error: string) => `${who} – ${code}: ${attempts} lần thử; lỗi: ${error}`,
  rerouted: (code: string) => `Đã chuyển lại kế hoạch ${code}.`,
  rerouteFailed: (code: string) => `Chưa chuyển được kế hoạch ${code}: danh bạ vẫn thiếu thông tin cần thiết.`,
  // CLI
  cli: {
    badDate: (d: string) => `Ngày không hợp lệ: “${d}” (dùng dd/mm/yyyy hoặc YYYY-MM-DD).`,
    badRange: '“Đến ngày” phải sau hoặc bằng “từ ngày”.',
    unitNotFound: (code: string) => `Không tìm thấy đơn vị mã “${code}”.`,
    officerNotFound: (email: string) => `Không tìm thấy cán bộ đang hoạt động có email “${email}”.`,
    actingSaved: (name: string, unit: string, from: string, to: string) => `Đã giao ${name} phụ trách ${unit} từ ${from} đến ${to}.`,
    actingNone: 'Chưa có ai được giao phụ trách đơn vị.',
    actingLine: (unit: string, name: string, from: string, to: string) => `${unit}: ${name} (${from} – ${to})`,
    queueNone: 'Không có kế hoạch nào chờ chuyển.',
    queueLine: (code: string, title: string) => `${code} – ${title}`,
    outboxLine: (id: string, kind: string, attempts: number, error: string) => `#${id} ${kind}: ${attempts} lần thử; lỗi: ${error}`,
    remindDone: (r: number, e: number) => `Đã lập ${r} lời nhắc và ${e} thông báo quá hạn (hệ thống gửi đi ở lần thử kế tiếp).`,
  },
  // Lists
  tasksTitle: 'Việc chờ tôi',
  tasksEmpty: 'Hiện anh/chị không có việc nào đang chờ: không có đề xuất chờ xem xét, biểu quyết, giao thực hiện, báo cáo hoặc đánh giá.',
  taskLine: (code: string, title: string, role: string, due: string) => `${code} – ${title} (${role}, hạn ${due})`,
  taskRole: {
    decider: 'xem xét, quyết định',
    voter: 'biểu quyết',
    intake: 'tiếp nhận',
    assign: 'chờ giao thực hiện',
    progress: 'chờ báo cáo tiến độ',
    completion: 'chờ báo cáo hoàn thành',
    evaluate: 'chờ đánh giá kết quả',
    evaluation_vote: 'chờ biểu quyết đánh giá',
    recognize: 'chờ ghi nhận khuyến khích',
  } satisfies Record<string, string>,
  taskLineNoDue: (code: string, title: string, role: string) => `${code} – ${title} (${role})`,
  myProposalsTitle: 'Đề xuất của tôi',
  myProposalsEmpty: 'Anh/chị chưa có đề xuất nào. Gõ “tạo đề xuất” để bắt đầu.',
  myProposalLine: (code: string, title: string, status: string, holder: string | null, due: string | null) =>
    `${code} – ${title}: ${status}${holder ? `; đang ở: ${holder}` : ''}${due ? `; hạn: ${due}` : ''}`,
  untitled: '(chưa đặt tên)',
  planFields: {
    joinWith: 'Đề nghị phối hợp với',
    title: 'Tên đề xuất',
    field: 'Lĩnh vực',
    necessity: 'Sự cần thiết',
    purpose: 'Mục đích',
    requirements: 'Yêu cầu',
    bottleneck: 'Điểm nghẽn về cơ chế, chính sách',
    uncoveredDocuments: 'Văn bản chưa quy định',
    content: 'Nội dung, nhiệm vụ, giải pháp',
    scope: 'Phạm vi',
    implementers: 'Đối tượng thực hiện',
    startDate: 'Ngày bắt đầu',
    endDate: 'Ngày kết thúc',
    milestones: 'Tiến độ',
    resourcesPeople: 'Nhân lực',
    fundingAmount: 'Kinh phí (đồng)',
    fundingSource: 'Nguồn kinh phí',
    equipment: 'Trang thiết bị',
    feasibility: 'Tính khả thi',
    positiveImpacts: 'Tác động tích cực',
    negativeImpacts: 'Tác động tiêu cực',
    expectedResults: 'Kết quả dự kiến',
    conditions: 'Tự đánh giá điều kiện (Điều 5)',
  } satisfies Record<string, string>,
  noCode: '(chưa gửi)',
};
