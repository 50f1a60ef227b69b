// Texts of the foundation: greeting, menu, identity, errors.
export const core = {
  greeting: (name?: string) =>
    `Xin chào${name ? ` ${name}` : ''}! Tôi là Trợ lý Đổi mới, giúp cán bộ tỉnh Lào Cai xây dựng và theo dõi kế hoạch đề xuất đổi mới, sáng tạo theo Nghị định 73/2023/NĐ-CP và Quy định 32-QĐ/TU.`,
  menuTitle: 'Tôi có thể giúp gì?',
  waiting: (lines: string[]) =>
    [
      `Anh/chị có ${lines.length} việc chờ xử lý:`,
      ...lines.slice(0, 5).map((l) => `• ${l}`),
      ...(lines.length > 5 ? ['Gõ “việc chờ tôi” để xem tất cả.'] : []),
    ].join('\n'),
  menuIntro:
    'Chọn một việc bên dưới, hoặc gõ trực tiếp, ví dụ: “tạo đề xuất”, “đề xuất của tôi”, “việc chờ tôi”, hay đặt câu hỏi về Nghị định 73.',
  menuNewProposal: 'Tạo đề xuất mới',
  menuMyProposals: 'Đề xuất của tôi',
  menuMyTasks: 'Việc chờ tôi',
  menuHelp: 'Hướng dẫn',
  unknownUser: (contact: string) =>
    `Xin lỗi, tài khoản của anh/chị chưa có trong danh bạ cán bộ của tỉnh nên tôi chưa thể hỗ trợ. Vui lòng liên hệ ${contact} để được bổ sung vào danh bạ.`,
  // Someone the channel authenticated but the directory does not know: policy questions only.
  outsiderWelcome: (contact: string) =>
    `Xin chào! Tài khoản của anh/chị chưa có trong danh bạ cán bộ của tỉnh. Anh/chị vẫn có thể hỏi về Nghị định 73/2023/NĐ-CP, Quy định 32-QĐ/TU và văn bản triển khai của tỉnh, ví dụ: “đề xuất đổi mới sáng tạo gồm những nội dung gì?”. Để lập, gửi và theo dõi đề xuất, vui lòng liên hệ ${contact} để được bổ sung vào danh bạ.`,
  outsiderFooter: (contact: string) =>
    `Anh/chị chưa có trong danh bạ cán bộ của tỉnh nên hiện chỉ hỏi đáp được về chính sách. Để lập, gửi và theo dõi đề xuất, vui lòng liên hệ ${contact} để được bổ sung vào danh bạ.`,
  outsiderRateLimited: (seconds: number) => `Anh/chị đã hỏi nhiều câu liên tiếp. Vui lòng hỏi tiếp sau khoảng ${seconds} giây.`,
  inactiveUser: (contact: string) =>
    `Tài khoản của anh/chị đang ở trạng thái ngừng hoạt động trong danh bạ. Vui lòng liên hệ ${contact} nếu đây là nhầm lẫn.`,
  help: [
    'Trợ lý Đổi mới giúp anh/chị:',
    '• Xây dựng kế hoạch đề xuất đổi mới, sáng tạo từng bước (gõ “tạo đề xuất”).',
    '• Gửi kế hoạch đến đúng người đứng đầu để xem xét, quyết định và theo dõi kết quả.',
    '• Giải đáp về Nghị định 73/2023/NĐ-CP, Quy định 32-QĐ/TU và văn bản triển khai của tỉnh.',
    'Gõ “menu” bất cứ lúc nào để xem các việc có thể làm.',
  ].join('\n'),
  /** Help built from the registered typed commands, so a new command cannot be missing from it. */
  helpFull: (commands: { keyword: string; example?: string }[]) =>
    [
      core.help,
      '',
      'Việc thường dùng:',
      '• “tạo đề xuất”: bắt đầu một đề xuất mới;',
      '• “tiếp tục”: làm tiếp bản nháp;',
      '• “đề xuất của tôi”: xem các đề xuất đã soạn, đã gửi;',
      '• “việc chờ tôi”: xem việc đang chờ anh/chị xử lý;',
      '• hoặc đặt câu hỏi, ví dụ: “Thời hạn xem xét đề xuất là bao lâu?”',
      '',
      'Lệnh gõ trực tiếp (mã đề xuất có dạng ĐX-2026-0001):',
      ...commands.map((c) => `• ${c.keyword}${c.example ? `, ví dụ: ${c.example}` : ''}`),
    ].join('\n'),
  /** Examples for the typed commands, by verb; a command without one is still listed. */
  commandExamples: {
    'plan.resume': 'tiếp tục 1',
    'plan.delete': 'xóa nháp 1',
    'plan.reopen': 'sửa ĐX-2026-0001',
    'plan.download': 'tải kế hoạch ĐX-2026-0001',
    'library.search': 'tìm sáng kiến chữ ký số',
    'library.apply': 'áp dụng sáng kiến ĐX-2026-0001',
    'library.join': 'phối hợp ĐX-2026-0001',
    'decision.approve': 'DUYỆT ĐX-2026-0001',
    'decision.forward': 'CHUYỂN ĐX-2026-0001 ý kiến',
    'decision.council': 'HỘI ĐỒNG ĐX-2026-0001',
    'decision.return': 'TRẢ LẠI ĐX-2026-0001 nội dung cần bổ sung',
    'decision.vote.open': 'BIỂU QUYẾT ĐX-2026-0001',
    'decision.vote.for': 'TÁN THÀNH ĐX-2026-0001',
    'decision.vote.against': 'KHÔNG TÁN THÀNH ĐX-2026-0001 lý do',
    'decision.vote.close': 'KẾT THÚC BIỂU QUYẾT ĐX-2026-0001',
    'decision.meeting': 'KẾT QUẢ HỌP ĐX-2026-0001 5 1 có người dự họp',
    'impl.progress.typed': 'BÁO CÁO TIẾN ĐỘ ĐX-2026-0001 nội dung',
    'impl.obstacle': 'VƯỚNG MẮC ĐX-2026-0001 nội dung',
    'report.show': 'BÁO CÁO NĂM 2026',
  } satisfies Record<string, string>,
  notUnderstood: [
    'Xin lỗi, tôi chưa hiểu ý anh/chị. Anh/chị có thể:',
    '• gõ “tạo đề xuất” để bắt đầu một đề xuất đổi mới;',
    '• gõ “việc chờ tôi” để xem việc đang chờ xử lý;',
    '• đặt câu hỏi về Nghị định 73, ví dụ: “Ai có thẩm quyền phê duyệt đề xuất?”',
  ].join('\n'),
  /** Short answers to small talk, each with what the person can do now. */
  smallTalk: {
    thanks: 'Không có gì ạ. Khi cần, anh/chị gõ “tạo đề xuất”, “việc chờ tôi” hoặc đặt câu hỏi về Nghị định 73.',
    goodbye: 'Tạm biệt anh/chị. Mọi bản nháp và việc đang theo dõi vẫn được lưu; gõ “menu” khi cần tôi.',
    apology: 'Không sao ạ. Anh/chị gõ “menu” để xem các việc có thể làm, hoặc đặt câu hỏi về Nghị định 73.',
    ack: 'Vâng ạ. Anh/chị gõ “menu” để xem các việc có thể làm, hoặc đặt câu hỏi về Nghị định 73.',
  } satisfies Record<'thanks' | 'goodbye' | 'apology' | 'ack', string>,
  /** The same, in the middle of the wizard: short, the step follows. */
  smallTalkInWizard: {
    greeting: 'Xin chào anh/chị.',
    thanks: 'Không có gì ạ.',
    goodbye: 'Nếu muốn dừng, anh/chị gõ “lưu nháp”: bản nháp được giữ để làm tiếp sau.',
    apology: 'Không sao ạ.',
    ack: 'Vâng ạ.',
  } satisfies Record<'greeting' | 'thanks' | 'goodbye' | 'apology' | 'ack', string>,
  nothingToCancel: 'Hiện không có việc gì đang làm dở để hủy.',
  busy: 'Hệ thống đang bận, anh/chị vui lòng thử lại sau ít phút. Những gì anh/chị đã nhập trước đó vẫn được lưu.',
  internalError: 'Xin lỗi, đã có lỗi khi xử lý yêu cầu. Anh/chị vui lòng thử lại; nếu lỗi lặp lại, hãy báo cho quản trị hệ thống.',
  messageTooLong: (max: number) =>
    `Tin nhắn quá dài (tối đa ${max.toLocaleString('vi-VN')} ký tự). Anh/chị vui lòng rút gọn hoặc chia thành nhiều tin.`,
  unsupportedInput: 'Tôi chỉ đọc được tin nhắn văn bản và các nút bấm. Anh/chị vui lòng gõ nội dung bằng chữ.',
  /** A card verb on a proposal the person has nothing to do with (codes are sequential: anyone can type one). */
  notConcerned: 'Anh/chị không phải người được giao hay có liên quan đến đề xuất này nên không xem hay thao tác được.',
  staleCard: 'Thẻ này đã cũ, thao tác không còn hiệu lực. Tôi gửi lại trạng thái hiện tại.',
};
