// Texts of the dissemination campaigns (the province's letter, point 1.a): starting one, what an official
// receives, the read receipt and the check of understanding, reminders and progress per unit.

const n = (x: number) => x.toLocaleString('vi-VN');
const pct = (part: number, all: number) => (all ? `${Math.round((part * 100) / all)}%` : '–');

export const campaigns = {
  // Starting.
  composeTitle: 'Phổ biến Nghị định 73/2023/NĐ-CP đến cán bộ',
  composeIntro: (scope: string) =>
    `Gửi một thông điệp ngắn đến mọi cán bộ của ${scope} trên kênh của từng người (Teams, Zalo, web); mỗi người xác nhận “Đã đọc” và trả lời câu hỏi kiểm tra (nếu có).`,
  composeTextHint: 'Nội dung phổ biến (tối đa 1.500 ký tự), hoặc chọn một mẫu soạn sẵn từ tài liệu.',
  composeQuizHint:
    'Câu hỏi kiểm tra (không bắt buộc, 3 câu): mỗi câu một ô, dòng đầu là câu hỏi, mỗi dòng sau là một phương án, đánh dấu * trước phương án đúng. Ví dụ:\nThời hạn xem xét kế hoạch?\nA. 03 ngày làm việc\n*B. 07 ngày làm việc',
  composeCommands:
    'Trên Zalo hoặc khi gõ lệnh: “PHÁT ĐỘNG PHỔ BIẾN <nội dung>” gửi cho đơn vị của anh/chị; “PHÁT ĐỘNG PHỔ BIẾN MẪU <số>” gửi một mẫu soạn sẵn kèm 3 câu hỏi kiểm tra.',
  templatesHeading: 'Mẫu soạn sẵn từ tài liệu',
  templateLine: (i: number, title: string) => `${i}. ${title}`,
  labelTemplate: 'Mẫu soạn sẵn',
  labelNoTemplate: '(tự soạn)',
  labelText: 'Nội dung',
  labelUnit: 'Gửi đến',
  labelProvince: 'Toàn tỉnh',
  labelDocTitle: 'Tài liệu kèm theo (tên)',
  labelDocUrl: 'Đường dẫn tài liệu (https://…)',
  labelQuestion: (i: number) => `Câu hỏi ${i}`,
  labelReminder: 'Nhắc người chưa đọc sau (ngày làm việc, 0 = không nhắc)',
  actionSend: 'Gửi',
  actionProposeQuiz: 'Đề xuất câu hỏi từ tài liệu',
  actionRead: 'Đã đọc',
  actionAnswer: 'Gửi trả lời',
  actionProgress: 'Xem tiến độ',

  // Refusals and bad input.
  notAllowed: 'Chỉ người đứng đầu đơn vị (cho đơn vị mình và các đơn vị trực thuộc) hoặc Sở Nội vụ mới phát động được đợt phổ biến.',
  unitOutsideScope: (code: string) => `Anh/chị không phụ trách đơn vị “${code}”: chỉ gửi được cho đơn vị mình và các đơn vị trực thuộc.`,
  unitUnknown: (code: string) => `Không tìm thấy đơn vị có mã “${code}” trong danh bạ.`,
  textEmpty: 'Chưa có nội dung phổ biến. Vui lòng nhập nội dung hoặc chọn một mẫu soạn sẵn. Chưa gửi cho ai.',
  textTooLong: (length: number, max: number) =>
    `Nội dung dài ${n(length)} ký tự, vượt quá ${n(max)} ký tự cho phép (tin nhắn Zalo bị giới hạn độ dài). Vui lòng rút gọn hoặc đưa phần chi tiết vào tài liệu kèm theo. Chưa gửi cho ai.`,
  templateUnknown: (count: number) => `Không có mẫu này. Hãy chọn mẫu từ 1 đến ${count}.`,
  quizCount: 'Phần câu hỏi kiểm tra phải có đủ 3 câu (hoặc để trống cả ba). Chưa gửi cho ai.',
  quizEmptyQuestion: (i: number) => `Câu hỏi ${i} chưa có nội dung. Chưa gửi cho ai.`,
  quizOptions: (i: number) => `Câu hỏi ${i} cần từ 2 đến 5 phương án, mỗi phương án một dòng. Chưa gửi cho ai.`,
  quizNoCorrect: (i: number) => `Câu hỏi ${i} chưa có đáp án đúng: đánh dấu * trước phương án đúng. Chưa gửi cho ai.`,
  quizManyCorrect: (i: number) => `Câu hỏi ${i} có nhiều hơn một đáp án đúng: chỉ đánh dấu * trước một phương án. Chưa gửi cho ai.`,
  docUrlInvalid: 'Đường dẫn tài liệu phải bắt đầu bằng https:// hoặc http://. Chưa gửi cho ai.',
  docTooLong: 'Tên hoặc đường dẫn tài liệu quá dài (tên tối đa 200, đường dẫn tối đa 1.000 ký tự). Chưa gửi cho ai.',
  reminderInvalid: 'Số ngày làm việc trước khi nhắc phải là số nguyên từ 0 đến 60. Chưa gửi cho ai.',
  nobodyReachable: (scope: string, total: number) =>
    total === 0
      ? `${scope} không có cán bộ nào trong danh bạ. Chưa gửi cho ai.`
      : `Không liên lạc được với cán bộ nào của ${scope} (${n(total)} người chưa dùng Teams, chưa liên kết Zalo hay đăng nhập web). Chưa gửi cho ai.`,

  // Started.
  started: (code: string, recipients: number, unreachable: number) =>
    `Đã phát động đợt phổ biến ${code}: đang gửi đến ${n(recipients)} cán bộ.` +
    (unreachable ? ` ${n(unreachable)} người chưa liên lạc được (chưa dùng Teams, Zalo hay web) nên không nhận được.` : ''),
  startedNext: (code: string) => `Gõ “TIẾN ĐỘ PHỔ BIẾN ${code}” để xem tiến độ theo đơn vị.`,

  // What an official receives.
  messageTitle: (code: string) => `Phổ biến Nghị định 73/2023/NĐ-CP (${code})`,
  messageFrom: (sender: string, unit: string) => `Người gửi: ${sender}, ${unit}`,
  documentLine: (title: string, url?: string) => (url ? `Tài liệu: ${title} (${url})` : `Tài liệu: ${title}`),
  quizHeading: 'Kiểm tra nhanh (3 câu)',
  readInstructionText: (code: string) => `Sau khi đọc, gõ “ĐÃ ĐỌC ${code}” để xác nhận.`,
  answerInstructionText: (code: string) => `Trả lời câu hỏi: gõ “ĐÁP ÁN ${code}” và ba chữ cái, ví dụ “ĐÁP ÁN ${code} B A C”.`,
  reminderIntro: (days: number) => `Nhắc lại: anh/chị chưa xác nhận đã đọc thông điệp phổ biến gửi ${days} ngày làm việc trước.`,

  // Read receipt and answers.
  readRecorded: (code: string) => `Đã ghi nhận anh/chị đã đọc thông điệp ${code}. Cảm ơn anh/chị.`,
  readAlready: (code: string) => `Anh/chị đã xác nhận đọc thông điệp ${code} trước đây.`,
  notRecipient: 'Anh/chị không nằm trong danh sách nhận đợt phổ biến này.',
  nothingToConfirm: 'Anh/chị không có thông điệp phổ biến nào chờ xác nhận.',
  campaignUnknown: (code: string) => `Không tìm thấy đợt phổ biến “${code}”.`,
  noQuiz: (code: string) => `Đợt phổ biến ${code} không có câu hỏi kiểm tra.`,
  answersIncomplete: (count: number) => `Cần trả lời đủ ${count} câu, mỗi câu một chữ cái (A, B, C…). Ví dụ: “B A C”.`,
  answerOutOfRange: (i: number, letters: string) => `Câu ${i}: chỉ chọn một trong các phương án ${letters}.`,
  answersRecorded: (correct: number, all: number) => `Đã ghi nhận câu trả lời: đúng ${correct}/${all} câu.`,
  answersAlready: (correct: number, all: number) =>
    `Anh/chị đã trả lời trước đây (đúng ${correct}/${all} câu); câu trả lời đầu tiên được giữ.`,
  correctAnswerLine: (i: number, letter: string, option: string) => `Câu ${i}: ${letter}. ${option}`,
  correctAnswersHeading: 'Đáp án',

  // Progress.
  progressTitle: (code: string) => `Tiến độ phổ biến ${code}`,
  progressNotAllowed: 'Chỉ người gửi, người đứng đầu các đơn vị cấp trên và Sở Nội vụ xem được tiến độ đợt phổ biến này.',
  progressNone: 'Chưa có đợt phổ biến nào anh/chị được xem tiến độ.',
  progressListTitle: 'Các đợt phổ biến',
  progressListLine: (code: string, date: string, scope: string, read: number, all: number) =>
    `${code} (${date}, ${scope}): đã đọc ${n(read)}/${n(all)}`,
  progressScope: (scope: string, date: string, sender: string) => `${scope} · gửi ngày ${date} · ${sender}`,
  progressTotals: (t: { recipients: number; reached: number; read: number; answered: number; correct: number; quiz: boolean }) =>
    `Đã gửi đến ${n(t.reached)}/${n(t.recipients)} (${pct(t.reached, t.recipients)}) · đã đọc ${n(t.read)} (${pct(t.read, t.recipients)})` +
    (t.quiz ? ` · đã trả lời ${n(t.answered)} · trả lời đúng cả 3 câu ${n(t.correct)}` : ''),
  progressUnitsHeading: 'Theo đơn vị',
  progressUnitLine: (
    unit: string,
    r: { recipients: number; reached: number; read: number; answered: number; correct: number },
    quiz: boolean,
  ) =>
    `${unit}: nhận ${n(r.reached)}/${n(r.recipients)} · đọc ${n(r.read)}` +
    (quiz ? ` · trả lời ${n(r.answered)} · đúng cả 3 câu ${n(r.correct)}` : ''),
  progressPending: (count: number) => `Còn ${n(count)} tin đang chờ gửi hoặc gửi lại.`,
  factRecipients: 'Số cán bộ nhận',
  factReached: 'Đã gửi đến',
  factRead: 'Đã đọc',
  factAnswered: 'Đã trả lời',
  factCorrect: 'Đúng cả 3 câu',

  // The yearly report.
  reportHeading: 'Kết quả phổ biến qua Trợ lý (số liệu tự động)',
  reportLine: (campaigns: number, recipients: number, read: number, answered: number, correct: number) =>
    `${n(campaigns)} đợt phổ biến, gửi đến ${n(recipients)} lượt cán bộ; ${n(read)} lượt xác nhận đã đọc (${pct(read, recipients)}); ${n(answered)} lượt trả lời câu hỏi kiểm tra, trong đó ${n(correct)} lượt đúng cả 3 câu.`,
  factReportCampaigns: 'Phổ biến qua Trợ lý',
  reportFact: (campaigns: number, recipients: number, read: number, correct: number) =>
    campaigns ? `${n(campaigns)} đợt · ${n(read)}/${n(recipients)} lượt đã đọc · ${n(correct)} lượt đúng cả 3 câu` : 'chưa có đợt nào',
  reportNone: 'Trong năm chưa có đợt phổ biến nào gửi qua Trợ lý.',

  // The dashboard panel (web/public/campaigns.js shows these labels).
  web: {
    heading: 'Phổ biến Nghị định đến cán bộ',
    none: 'Chưa có đợt phổ biến nào anh/chị được theo dõi.',
    code: 'Đợt',
    date: 'Ngày gửi',
    scope: 'Gửi đến',
    unit: 'Đơn vị',
    recipients: 'Số cán bộ nhận',
    reached: 'Đã gửi đến',
    read: 'Đã đọc',
    answered: 'Đã trả lời',
    correct: 'Đúng cả 3 câu',
    pending: 'Đang chờ gửi',
    byUnit: 'Theo đơn vị',
  },
};
