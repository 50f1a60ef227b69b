// Answers to questions the bot asks outside the wizard: the one confirmation of a decision answered
// "đồng ý" / "không đồng ý" on a phone, its comment prompt, and the assignment by numbered choices.

/** The confirmation of each decision action a "yes" can mean. */
const CONFIRM: Record<string, (code: string) => string> = {
  'decision.approve': (code) => `Anh/chị phê duyệt ${code}? Gõ “có” để xác nhận.`,
  'decision.vote.open': (code) =>
    `${code} cần tập thể lãnh đạo biểu quyết trước khi phê duyệt. Anh/chị mở biểu quyết tập thể? Gõ “có” để xác nhận.`,
  'decision.vote.for': (code) => `Anh/chị tán thành ${code}? Gõ “có” để xác nhận.`,
  'decision.forward': (code) => `Anh/chị chuyển ${code} đến người có thẩm quyền xem xét? Gõ “có” để xác nhận.`,
};

/** The comment prompt of each action a "no" can mean. */
const COMMENT: Record<string, (code: string) => string> = {
  'decision.return': (code) =>
    `Anh/chị trả lại ${code} để người đề xuất bổ sung. Anh/chị nhập ý kiến (cần bổ sung, chỉnh sửa gì) trong tin nhắn tiếp theo; gõ “thôi” nếu không trả lại.`,
  'decision.vote.against': (code) =>
    `Anh/chị không tán thành ${code}. Anh/chị nhập ý kiến (lý do) trong tin nhắn tiếp theo; gõ “thôi” nếu chưa biểu quyết.`,
};

export const replies = {
  confirm: (verb: string, code: string) => CONFIRM[verb]?.(code),
  commentPrompt: (verb: string, code: string) => COMMENT[verb]?.(code),
  yesButton: 'Có, xác nhận',
  noButton: 'Không',
  cancelled: 'Đã hủy, chưa có gì thay đổi.',
  /** Several decisions wait: the person names one. */
  which: (codes: string[], answer: 'yes' | 'no') =>
    `Anh/chị đang có ${codes.length} đề xuất chờ quyết định: ${codes.join(', ')}. Anh/chị gõ “${answer === 'yes' ? 'đồng ý' : 'không đồng ý'} <mã>”, ví dụ “${answer === 'yes' ? 'đồng ý' : 'không đồng ý'} ${codes[0]}”.`,
  /** The answer does not fit one action: what the person can do now. */
  choose: (code: string) => `Với ${code}, anh/chị có thể:`,
  notWaiting: (code: string) => `${code} không có việc nào đang chờ anh/chị quyết định.`,

  // After the approval: who does what next.
  nextAfterApproval: 'Tiếp theo: người đứng đầu giao người thực hiện và xác nhận nguồn lực; anh/chị sẽ được báo khi có phân công.',

  // The assignment by numbered choices (a phone has no pick list).
  assignPick: (code: string, lines: string[]) =>
    [
      `Giao thực hiện ${code}. Chọn người thực hiện (người đầu tiên là người chủ trì):`,
      ...lines,
      'Gõ số thứ tự, ví dụ “1, 3”, hoặc tên (có dấu hoặc không dấu); gõ “thôi” để hủy.',
    ].join('\n'),
  assignCandidate: (n: number, name: string, position: string, proposer: boolean) =>
    `${n}. ${name} – ${position}${proposer ? ' (người đề xuất)' : ''}`,
  assignNoCandidates: (code: string) =>
    `Danh bạ chưa có cán bộ nào của đơn vị để giao thực hiện ${code}. Anh/chị gõ “GIAO THỰC HIỆN ${code} <email>” để giao theo email.`,
  assignNotRecognised: (typed: string) =>
    `Tôi chưa nhận ra “${typed}” trong danh sách. Anh/chị gõ số thứ tự (ví dụ “1, 3”) hoặc tên; gõ “thôi” để hủy.`,
  assignAmbiguous: (typed: string, names: string) => `“${typed}” khớp với nhiều người: ${names}. Anh/chị gõ số thứ tự.`,
  assignResources: (names: string, people: string, funding: string, equipment: string) =>
    [
      `Người thực hiện: ${names} (người đầu tiên chủ trì).`,
      `Nguồn lực theo kế hoạch: nhân lực: ${people || 'chưa ghi'}; kinh phí: ${funding || 'chưa ghi'}; trang thiết bị: ${equipment || 'chưa ghi'}.`,
      'Gõ “giữ nguyên” để giao và xác nhận nguồn lực theo kế hoạch, hoặc gõ nguồn lực khác: “<nhân lực> | <kinh phí> | <trang thiết bị>” (phần nào bỏ trống thì theo kế hoạch); gõ “thôi” để hủy.',
    ].join('\n'),
  assignResourcesAgain: 'Anh/chị gõ “giữ nguyên”, hoặc nguồn lực theo mẫu “<nhân lực> | <kinh phí> | <trang thiết bị>”; gõ “thôi” để hủy.',
  assignNotYours: (code: string) => `${code} không ở bước chờ anh/chị giao thực hiện.`,

  /** "Theo dõi triển khai": the action that applies now to one proposal, for this person. */
  followNow: (code: string, status: string, role: string): string => {
    const leads = role === 'head' || role === 'manager';
    switch (status) {
      case 'approved':
      case 'approved_by_override':
        return leads ? `gõ “GIAO THỰC HIỆN ${code}” để giao người thực hiện` : 'chờ người đứng đầu giao người thực hiện';
      case 'implementing':
        if (role === 'implementer') return `gõ “BÁO CÁO TIẾN ĐỘ ${code} <nội dung>”; khi xong, “BÁO CÁO HOÀN THÀNH ${code} <kết quả>”`;
        return leads ? 'đang thực hiện; người thực hiện báo cáo tiến độ theo các mốc' : 'đang thực hiện';
      case 'paused':
        return leads ? `tạm dừng; gõ “TIẾP TỤC TRIỂN KHAI ${code}” để tiếp tục` : 'tạm dừng, chờ người đứng đầu quyết định';
      case 'completion_reported':
      case 'evaluating':
        return leads ? 'chờ anh/chị tổ chức đánh giá kết quả' : 'chờ đánh giá kết quả';
      default:
        return 'không có việc nào chờ anh/chị';
    }
  },
  followLine: (code: string, title: string, role: string, status: string, now: string) =>
    `• ${code} – ${title} (${role}, ${status}): ${now}.`,
  assignButton: (code: string) => `Giao ${code}`,

  // A Zalo notice held because the person unfollowed the OA (or the window closed), on the sender's side.
  holderNotReached:
    'Thông báo gửi người này chưa đến được người nhận trên Zalo (người nhận đã bỏ theo dõi Trợ lý); sẽ tự gửi lại khi họ theo dõi lại hoặc nhắn tin.',
  notReachedMark: 'chưa đến được người nhận trên Zalo',
};
