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
};
