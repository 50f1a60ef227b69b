// Texts of the after-decision area: implementation, evaluation, recognition and protection (Decree
// 73/2023/NĐ-CP Art. 10 secondary, Art. 11 verified). The yearly report's texts are annual-report.ts.
//
// Typed commands (every channel; with or without diacritics; <mã> is the proposal code):
//   GIAO THỰC HIỆN <mã> <email>[, <email>…] [| <nhân lực> | <kinh phí> | <thiết bị>]
//                                       người đứng đầu (hoặc cấp phó được giao) giao người thực hiện và xác
//                                       nhận nguồn lực (bỏ trống phần nào thì xác nhận theo kế hoạch)
//   GIAO THEO DÕI <mã> <email cấp phó>  người đứng đầu giao một cấp phó theo dõi việc triển khai
//   BÁO CÁO TIẾN ĐỘ [<mã> <nội dung>]   người thực hiện báo cáo tiến độ (không kèm mã: danh sách đề xuất)
//   VƯỚNG MẮC <mã> <nội dung>           báo cáo khó khăn, vướng mắc
//   TẠM DỪNG <mã> <lý do> • TIẾP TỤC <mã> • DỪNG THỰC HIỆN <mã> <lý do>
//   BÁO CÁO HOÀN THÀNH <mã> <nội dung, có thể kèm đường dẫn tệp>
//   ĐÁNH GIÁ <mã> <1|2|3|4> <kết quả> | <nguyên nhân khách quan> | <nguyên nhân chủ quan> [| <thiệt hại>]
//                                       1 = hoàn thành; 2 = không/một phần hoàn thành, động cơ trong sáng;
//                                       3 = như 2 nhưng có thiệt hại; 4 = không thực hiện đúng chủ trương,
//                                       quy định hoặc có hành vi bị nghiêm cấm (không được bảo vệ)
//   TÁN THÀNH ĐÁNH GIÁ <mã> [ý kiến] • KHÔNG TÁN THÀNH ĐÁNH GIÁ <mã> <ý kiến> • KẾT THÚC ĐÁNH GIÁ <mã>
//   KẾT QUẢ HỌP ĐÁNH GIÁ <mã> <số tán thành> <số không tán thành> <CÓ|KHÔNG> <thành phần dự họp>
//   KHEN <mã> <số thứ tự hoặc mã hình thức>[, …] [| ghi chú]     ghi nhận hình thức khuyến khích
import { formatDateVN } from '../../calendar/local-date.js';

const PROVISION_LABEL: Record<string, string> = {
  '11.1': 'khoản 1 Điều 11 Nghị định số 73/2023/NĐ-CP',
  '11.2': 'khoản 2 Điều 11 Nghị định số 73/2023/NĐ-CP',
  '11.3': 'khoản 3 Điều 11 Nghị định số 73/2023/NĐ-CP',
  none: 'Không áp dụng (khoản 2 Điều 4 và Điều 6 Nghị định số 73/2023/NĐ-CP)',
};

export const afterDecision = {
  due: (date: string | null | undefined) => (date ? formatDateVN(date) : 'chưa có'),
  untitled: '(chưa đặt tên)',
  noCode: '(chưa có mã)',

  refusal: {
    not_found: 'Không tìm thấy đề xuất này. Kiểm tra lại mã đề xuất (ví dụ ĐX-2026-0001).',
    not_allowed: 'Anh/chị không phải người được giao thực hiện thao tác này đối với đề xuất.',
    wrong_state: 'Đề xuất đang ở bước khác nên chưa thể thực hiện thao tác này.',
    already_done: 'Việc này đã được xử lý trước đó; thẻ dưới đây là trạng thái hiện tại.',
    text_required: 'Vui lòng ghi rõ nội dung (lý do, ý kiến hoặc kết quả).',
    no_implementers: 'Vui lòng chọn ít nhất một người thực hiện (email trong danh bạ).',
    unknown_officer: 'Không tìm thấy cán bộ đang công tác có email này trong danh bạ.',
    not_deputy: 'Người được giao theo dõi phải là cấp phó của cơ quan đã phê duyệt đề xuất.',
    invalid_outcome:
      'Kết quả đánh giá phải là 1 (hoàn thành), 2 (không/một phần hoàn thành, động cơ trong sáng), 3 (như 2 nhưng có thiệt hại) hoặc 4 (không thực hiện đúng chủ trương, quy định hoặc có hành vi bị nghiêm cấm).',
    not_completed_when_stopped:
      'Đề xuất đã dừng hoặc tạm dừng thực hiện nên không thể đánh giá là hoàn thành. Chọn kết quả 2, 3 hoặc 4 và nêu rõ nguyên nhân khách quan, chủ quan (khoản 4 Điều 11).',
    party_consultation_required:
      'Trước khi đánh giá kết quả, cơ quan phải báo cáo, xin ý kiến cấp ủy cùng cấp (khoản 3 Điều 4 Nghị định số 73/2023/NĐ-CP). Đề nghị ghi ý kiến cấp ủy trước khi mở đánh giá.',
    causes_required:
      'Theo khoản 4 Điều 11 Nghị định số 73/2023/NĐ-CP, khi đề xuất không hoàn thành hoặc hoàn thành một phần phải nêu rõ nguyên nhân khách quan và nguyên nhân chủ quan (và thiệt hại, nếu có).',
    invalid_counts:
      'Số phiếu không hợp lệ: tổng số tán thành và không tán thành không được vượt số thành viên biểu quyết; cần ghi thành phần dự họp.',
    vote_not_finished: 'Chưa thể kết thúc: còn thành viên chưa biểu quyết và chưa đến hạn đánh giá.',
    not_voter: 'Anh/chị không thuộc thành phần biểu quyết đánh giá đề xuất này (cấp phó là người đề xuất không biểu quyết).',
    invalid_recognition: 'Hình thức khuyến khích không có trong danh mục. Chọn theo số thứ tự hoặc mã trong danh sách.',
  } satisfies Record<string, string>,

  /** What an action that carries details says (the proposal's code first). */
  doneWith: {
    manager_named: (code: string, name: string) => `Đã giao ${name} theo dõi việc triển khai đề xuất ${code}.`,
    assigned: (code: string, names: string) =>
      `Đã giao thực hiện đề xuất ${code} cho: ${names}. Nguồn lực đã được ghi nhận; đề xuất chuyển sang “Đang triển khai”. Người thực hiện sẽ báo cáo tiến độ theo các mốc; gõ “theo dõi triển khai” để xem.`,
    obstacle_reported: (code: string, homeAffairs: boolean) =>
      `Đã ghi nhận vướng mắc của đề xuất ${code} và chuyển đến người đứng đầu${homeAffairs ? ' và Sở Nội vụ (đề xuất do Chủ tịch UBND tỉnh phê duyệt)' : ''}.`,
    completion_reported: (code: string, due: string) =>
      `Đã ghi nhận báo cáo hoàn thành đề xuất ${code}. Người đứng đầu chủ trì đánh giá kết quả chậm nhất ngày ${due}.`,
  },

  /** What an action says, by its name (the proposal's code only). */
  done: {
    progress_reported: (code: string) => `Đã ghi nhận báo cáo tiến độ đề xuất ${code}.`,
    paused: (code: string) => `Đã tạm dừng đề xuất ${code}.`,
    resumed: (code: string) => `Đề xuất ${code} được tiếp tục triển khai.`,
    stopped: (code: string) => `Đã dừng thực hiện đề xuất ${code}.`,
    evaluation_opened: (code: string) => `Đã mở đánh giá kết quả đề xuất ${code}: các thành viên tập thể lãnh đạo nhận thẻ biểu quyết.`,
    evaluation_vote_cast: (code: string) => `Đã ghi nhận biểu quyết đánh giá đề xuất ${code}.`,
    evaluation_not_passed: (code: string) =>
      `Kết quả đánh giá đề xuất ${code} không được tập thể thông qua. Người đứng đầu đề xuất lại kết quả đánh giá.`,
    evaluation_passed: (code: string) => `Tập thể lãnh đạo đã thông qua kết quả đánh giá đề xuất ${code}.`,
    recognition_recorded: (code: string) => `Đã ghi nhận hình thức khuyến khích; đề xuất ${code} kết thúc.`,
    evaluation_party_consulted: (code: string) => `Đã ghi ý kiến cấp ủy về kết quả đề xuất ${code}; anh/chị có thể mở đánh giá.`,
  } satisfies Record<string, (code: string) => string>,

  statusLabel: (s: string) =>
    ({
      approved: 'Đã được phê duyệt, chờ giao thực hiện',
      approved_by_override: 'Người đứng đầu quyết định thực hiện, chờ giao thực hiện',
      implementing: 'Đang triển khai',
      paused: 'Tạm dừng',
      stopped: 'Đã dừng',
      completion_reported: 'Đã báo cáo hoàn thành, chờ đánh giá',
      evaluating: 'Đang đánh giá kết quả',
      evaluated: 'Đã đánh giá, chờ ghi nhận khuyến khích',
      closed: 'Đã kết thúc',
    })[s] ?? s,

  outcomeShort: {
    completed: 'Hoàn thành',
    not_completed_pure_motive: 'Không hoàn thành hoặc hoàn thành một phần; thực hiện đúng chủ trương, động cơ trong sáng, vì lợi ích chung',
    not_completed_with_damage: 'Như trên nhưng có gây thiệt hại',
    not_by_policy: 'Không thực hiện đúng chủ trương, quy định hoặc có hành vi bị nghiêm cấm (không được bảo vệ)',
  } satisfies Record<string, string>,
  provision: (p: string | null | undefined) => (p ? (PROVISION_LABEL[p] ?? p) : ''),

  // Cards
  cardTitle: (code: string) => `Triển khai đề xuất ${code}`,
  evaluationTitle: (code: string) => `Đánh giá kết quả đề xuất ${code}`,
  voteTitle: (code: string) => `Biểu quyết đánh giá kết quả đề xuất ${code}`,
  factProposer: 'Người đề xuất',
  factStatus: 'Trạng thái',
  factHead: 'Người đứng đầu',
  factManager: 'Cấp phó theo dõi',
  factImplementers: 'Người thực hiện',
  factPeople: 'Nhân lực',
  factFunding: 'Kinh phí',
  factEquipment: 'Trang thiết bị',
  factPlannedEnd: 'Kết thúc theo kế hoạch',
  factEvaluationDue: 'Hạn đánh giá (chậm nhất ngày)',
  factOutcome: 'Kết quả đề xuất',
  factTally: 'Biểu quyết',
  tally: (f: number, a: number, v: number) => `${f}/${v} tán thành, ${a}/${v} không tán thành`,
  checkInsHeading: 'Các mốc hỏi tiến độ',
  checkInLine: (date: string, kind: string, description: string, state: string) =>
    `• ${formatDateVN(date)}: ${kind === 'milestone' ? `mốc “${description}”` : 'báo cáo định kỳ'}${state === 'reported' ? ' (đã báo cáo)' : ''}`,
  reportsHeading: 'Báo cáo gần nhất',
  reportLine: (date: string, kind: string, author: string, text: string) =>
    `• ${formatDateVN(date)} – ${kind === 'obstacle' ? 'Vướng mắc' : kind === 'completion' ? 'Hoàn thành' : 'Tiến độ'} (${author}): ${text}`,
  completionHeading: 'Báo cáo hoàn thành',
  resultsHeading: 'Kết quả thực hiện',
  objectiveHeading: 'Nguyên nhân khách quan',
  subjectiveHeading: 'Nguyên nhân chủ quan',
  damageHeading: 'Thiệt hại',
  votersHeading: 'Thành viên biểu quyết',
  voterLine: (name: string, choice: string | null, comment: string | null) =>
    `• ${name}: ${choice === 'for' ? 'Tán thành' : choice === 'against' ? 'Không tán thành' : 'Chưa biểu quyết'}${comment ? ` – ${comment}` : ''}`,
  assignIntro:
    'Kế hoạch đã được phê duyệt. Theo chỉ đạo của tỉnh, người đứng đầu bảo đảm điều kiện, trang thiết bị, nhân lực, kinh phí và theo dõi tiến độ. Đề nghị giao người thực hiện và xác nhận nguồn lực (bỏ trống phần nào thì xác nhận theo kế hoạch).',
  implementerIntro: (interval: number) =>
    `Anh/chị được giao thực hiện đề xuất này. Trợ lý sẽ hỏi tiến độ theo các mốc của kế hoạch và định kỳ ${interval} ngày làm việc; anh/chị có thể báo cáo tiến độ hoặc vướng mắc bất cứ lúc nào. Khi hoàn thành, báo cáo kết quả bằng văn bản trong 05 ngày làm việc kể từ khi kết thúc thời gian thực hiện (căn cứ theo bản diễn giải, cần đối chiếu văn bản chính thức).`,
  evaluationIntro: (days: number, due: string) =>
    `Trong ${String(days).padStart(2, '0')} ngày làm việc kể từ ngày nhận báo cáo (chậm nhất ngày ${due}), người đứng đầu chủ trì họp tập thể lãnh đạo (trừ cấp phó là người đề xuất) đánh giá kết quả. Chọn kết quả đánh giá, nêu kết quả đạt được và nguyên nhân khách quan, chủ quan (khoản 4 Điều 11), rồi mở biểu quyết hoặc ghi kết quả cuộc họp.`,
  evaluationBasisNote: 'Căn cứ về thời hạn đánh giá là bản diễn giải (cần đối chiếu văn bản chính thức).',
  interruptedEvaluationIntro: (stopped: boolean, due: string) =>
    `Đề xuất đã ${stopped ? 'dừng' : 'tạm dừng'} thực hiện. Cơ quan vẫn đánh giá kết quả đạt được đến thời điểm này và nêu rõ nguyên nhân khách quan, chủ quan (khoản 4 Điều 11), chậm nhất ngày ${due}. Chọn kết quả 2, 3 hoặc 4.`,
  notByPolicyNote:
    'Kết quả 4: chỉ đề xuất được cơ quan xem xét, quyết định trong phạm vi thẩm quyền và thực hiện đúng chủ trương, quy định mới được bảo vệ (khoản 2 Điều 4); các hành vi bị nghiêm cấm nêu tại Điều 6. Phải ghi rõ lý do.',
  partyConsultationReminder:
    'Lưu ý: trước khi đánh giá kết quả, cơ quan báo cáo, xin ý kiến cấp ủy cùng cấp (khoản 3 Điều 4 Nghị định số 73/2023/NĐ-CP).',
  partyConsultationPending:
    'Trước khi đánh giá kết quả, cơ quan báo cáo, xin ý kiến cấp ủy cùng cấp (khoản 3 Điều 4 Nghị định số 73/2023/NĐ-CP). Ghi ý kiến cấp ủy để mở đánh giá.',
  actionPartyRecord: 'Ghi ý kiến cấp ủy',
  partyOpinionLabel: 'Ý kiến của cấp ủy',
  voteIntro:
    'Người đứng đầu đề nghị tập thể lãnh đạo thông qua kết quả đánh giá dưới đây. Thông qua khi trên 50% thành viên tán thành; nếu ngang nhau, theo ý kiến của người đứng đầu.',
  notPassedIntro: 'Vòng đánh giá trước không được thông qua. Đề nghị đề xuất lại kết quả đánh giá.',
  recognitionIntro:
    'Tập thể lãnh đạo đánh giá đề xuất hoàn thành. Đề nghị chọn hình thức khuyến khích (Điều 10 Nghị định số 73/2023/NĐ-CP; căn cứ theo bản diễn giải, cần đối chiếu văn bản chính thức).',
  readOnly: 'Thẻ chỉ để xem: anh/chị không có thao tác nào ở bước này.',
  conclusionLink: (url: string) => `Kết luận đánh giá (.docx): ${url}`,

  // Actions and inputs
  actionAssign: 'Giao thực hiện',
  actionNameManager: 'Giao cấp phó theo dõi',
  actionProgress: 'Báo cáo tiến độ',
  actionObstacle: 'Báo cáo vướng mắc',
  actionComplete: 'Báo cáo hoàn thành',
  actionPause: 'Tạm dừng',
  actionResume: 'Tiếp tục',
  actionStop: 'Dừng thực hiện',
  actionOpenEvaluation: 'Mở biểu quyết đánh giá',
  actionFor: 'Tán thành',
  actionAgainst: 'Không tán thành',
  actionCloseVote: 'Kết thúc biểu quyết',
  actionMeeting: 'Ghi kết quả họp',
  actionRecognize: 'Ghi nhận khuyến khích',
  actionRefresh: 'Xem',
  implementersLabel: 'Người thực hiện (chọn trong danh sách)',
  implementerEmailsLabel: 'Hoặc nhập email, cách nhau bởi dấu phẩy',
  peopleLabel: 'Nhân lực',
  fundingLabel: 'Kinh phí',
  equipmentLabel: 'Trang thiết bị',
  managerLabel: 'Email cấp phó theo dõi',
  textLabel: 'Nội dung',
  reasonLabel: 'Lý do',
  completionLabel: 'Kết quả thực hiện (bằng văn bản)',
  filesLabel: 'Đường dẫn tệp kèm theo (mỗi dòng một đường dẫn, nếu có)',
  outcomeLabel: 'Kết quả đánh giá',
  resultsLabel: 'Kết quả đạt được',
  objectiveLabel: 'Nguyên nhân khách quan',
  subjectiveLabel: 'Nguyên nhân chủ quan',
  damageLabel: 'Thiệt hại (nếu có)',
  commentLabel: 'Ý kiến',
  meetingFor: 'Số tán thành',
  meetingAgainst: 'Số không tán thành',
  meetingHeadVote: 'Người đứng đầu',
  participantsLabel: 'Thành phần dự họp',
  minutesLabel: 'Tóm tắt biên bản (nếu có)',
  recognitionLabel: 'Hình thức khuyến khích',
  noteLabel: 'Ghi chú',

  // Notifications
  assignNotice: (code: string) =>
    `Kế hoạch đề xuất ${code} đã được phê duyệt: đề nghị giao người thực hiện và xác nhận nguồn lực: gõ “GIAO THỰC HIỆN ${code}” hoặc dùng thẻ.`,
  managerNotice: (code: string, head: string) => `${head} giao anh/chị theo dõi việc triển khai đề xuất ${code}.`,
  assignedNotice: (code: string, title: string) => `Anh/chị được giao thực hiện đề xuất ${code} “${title}”.`,
  assignedProposerNotice: (code: string, names: string) =>
    `Kế hoạch đề xuất ${code} của anh/chị đã được giao thực hiện cho: ${names}. Người thực hiện sẽ báo cáo tiến độ theo các mốc của kế hoạch; gõ “theo dõi triển khai” để xem.`,
  checkInNotice: (code: string, kind: string, description: string, date: string) =>
    kind === 'milestone'
      ? `Đến mốc “${description}” (${formatDateVN(date)}) của đề xuất ${code}: đề nghị báo cáo tiến độ (gõ “BÁO CÁO TIẾN ĐỘ ${code} <nội dung>” hoặc dùng thẻ).`
      : `Đề nghị báo cáo tiến độ định kỳ đề xuất ${code} (gõ “BÁO CÁO TIẾN ĐỘ ${code} <nội dung>” hoặc dùng thẻ).`,
  progressNotice: (code: string, author: string, text: string) => `Báo cáo tiến độ đề xuất ${code} của ${author}:\n${text}`,
  obstacleNotice: (code: string, author: string, unit: string, text: string) =>
    `Vướng mắc khi triển khai đề xuất ${code} (${unit}), do ${author} báo cáo:\n${text}`,
  pausedNotice: (code: string, reason: string) => `Đề xuất ${code} được tạm dừng. Lý do: ${reason}`,
  resumedNotice: (code: string) => `Đề xuất ${code} được tiếp tục triển khai.`,
  stoppedNotice: (code: string, reason: string) => `Đề xuất ${code} đã dừng thực hiện. Lý do: ${reason}`,
  completionReminderNotice: (code: string, end: string, due: string) =>
    `Đề xuất ${code} kết thúc thời gian thực hiện ngày ${formatDateVN(end)}. Đề nghị báo cáo kết quả bằng văn bản chậm nhất ngày ${formatDateVN(due)} (05 ngày làm việc; căn cứ theo bản diễn giải, cần đối chiếu văn bản chính thức). Gõ “BÁO CÁO HOÀN THÀNH ${code} <nội dung>” hoặc dùng thẻ.`,
  completionOverdueNotice: (code: string, due: string) => `Đề xuất ${code} chưa có báo cáo hoàn thành dù đã quá hạn ${formatDateVN(due)}.`,
  completionReportedNotice: (code: string, due: string) =>
    `Người thực hiện đã báo cáo hoàn thành đề xuất ${code}. Đề nghị chủ trì đánh giá kết quả chậm nhất ngày ${formatDateVN(due)}.`,
  evaluationReminderNotice: (code: string, due: string, left: number) =>
    left > 0
      ? `Nhắc việc: còn ${left} ngày làm việc để đánh giá kết quả đề xuất ${code} (chậm nhất ngày ${formatDateVN(due)}).`
      : `Nhắc việc: hôm nay (${formatDateVN(due)}) là hạn đánh giá kết quả đề xuất ${code}.`,
  evaluationEscalationNotice: (code: string, head: string, due: string) =>
    `Đề xuất ${code} quá hạn đánh giá kết quả (${formatDateVN(due)}); người chủ trì: ${head}.`,
  notPassedNotice: (code: string) => `Kết quả đánh giá đề xuất ${code} không được tập thể thông qua. Đề nghị đề xuất lại kết quả đánh giá.`,
  recognitionNotice: (code: string) => `Đề xuất ${code} được đánh giá hoàn thành. Đề nghị ghi nhận hình thức khuyến khích.`,

  // What the outcome means for the proposer, in plain words.
  proposerCompleted: (code: string) =>
    `Đề xuất ${code} của anh/chị được tập thể lãnh đạo đánh giá HOÀN THÀNH. Theo khoản 1 Điều 11 Nghị định số 73/2023/NĐ-CP, anh/chị không bị xem xét xử lý trách nhiệm đối với việc thực hiện đề xuất. Người đứng đầu sẽ quyết định hình thức khuyến khích.`,
  proposerRecognized: (code: string, forms: string) =>
    `Đề xuất ${code} của anh/chị được ghi nhận khuyến khích: ${forms}. Căn cứ Điều 10 Nghị định số 73/2023/NĐ-CP (theo bản diễn giải: cần đối chiếu văn bản chính thức). Anh/chị không bị xem xét xử lý trách nhiệm (khoản 1 Điều 11).`,
  proposerPureMotive: (code: string) =>
    `Đề xuất ${code} được đánh giá là không hoàn thành hoặc hoàn thành một phần, nhưng anh/chị đã thực hiện đúng chủ trương, quy định, có động cơ trong sáng, vì lợi ích chung. Theo khoản 2 Điều 11 Nghị định số 73/2023/NĐ-CP, anh/chị được LOẠI TRỪ TRÁCH NHIỆM: không bị xử lý vì kết quả này.`,
  proposerNotByPolicy: (code: string) =>
    `Đề xuất ${code} được tập thể lãnh đạo đánh giá là không thực hiện đúng chủ trương, quy định hoặc có hành vi bị nghiêm cấm. Theo khoản 2 Điều 4 và Điều 6 Nghị định số 73/2023/NĐ-CP, trường hợp này không được áp dụng các biện pháp bảo vệ tại Điều 11; việc xem xét trách nhiệm (nếu có) thực hiện theo quy định của pháp luật. Lý do được nêu dưới đây.`,
  // Art. 2 (verified): the decree covers leaders and managers; anyone else is told what applies instead.
  proposerNotCovered: (code: string, outcome: string) =>
    `Đề xuất ${code} của anh/chị được tập thể lãnh đạo đánh giá: ${outcome}. Anh/chị không giữ chức vụ lãnh đạo, quản lý nên không thuộc đối tượng áp dụng của Nghị định số 73/2023/NĐ-CP (Điều 2): các biện pháp bảo vệ tại Điều 11 không áp dụng trực tiếp với anh/chị. Kết quả được ghi nhận, động viên theo chủ trương của tỉnh về lan tỏa tinh thần đổi mới, sáng tạo đến toàn thể cán bộ; việc áp dụng Quy định số 32-QĐ/TU của Tỉnh ủy Lào Cai cần đối chiếu văn bản chính thức.`,
  notCoveredProvision: 'Không áp dụng trực tiếp (người đề xuất không giữ chức vụ lãnh đạo, quản lý – Điều 2)',
  proposerWithDamage: (code: string) =>
    `Đề xuất ${code} được đánh giá là không hoàn thành hoặc hoàn thành một phần và có gây thiệt hại, nhưng anh/chị đã thực hiện đúng chủ trương, quy định, có động cơ trong sáng, vì lợi ích chung. Theo khoản 3 Điều 11 Nghị định số 73/2023/NĐ-CP, anh/chị được XEM XÉT loại trừ, miễn hoặc giảm nhẹ trách nhiệm theo quy định của pháp luật: đây chưa phải là quyết định cuối cùng về trách nhiệm.`,
  causesNamed: 'Cơ quan đã nêu rõ nguyên nhân khách quan và chủ quan (khoản 4 Điều 11):',
  protectionFact: 'Căn cứ bảo vệ',
  implementerOutcomeNotice: (code: string, outcome: string) =>
    `Kết quả đánh giá đề xuất ${code} mà anh/chị tham gia thực hiện: ${outcome}.`,

  // Lists
  followTitle: 'Đề xuất đang triển khai, đánh giá',
  followEmpty: 'Anh/chị chưa có đề xuất nào đang triển khai hoặc chờ đánh giá.',
  followRole: { head: 'người đứng đầu', manager: 'theo dõi', implementer: 'thực hiện', proposer: 'người đề xuất' } satisfies Record<
    string,
    string
  >,
};
