// Texts of the Zalo channels and account linking.
export const zalo = {
  onboarding: (ttlMinutes: number) =>
    [
      'Xin chào! Đây là Trợ lý Đổi mới của tỉnh Lào Cai, dành cho cán bộ, công chức, viên chức.',
      'Để dùng trợ lý trên Zalo, anh/chị cần liên kết tài khoản Zalo này với tài khoản cán bộ một lần:',
      '1. Trên Microsoft Teams, nhắn cho Trợ lý Đổi mới: “liên kết Zalo”. Nếu chưa dùng Teams, đề nghị quản trị hệ thống cấp mã liên kết.',
      `2. Trợ lý gửi một mã liên kết, có hiệu lực ${ttlMinutes} phút và chỉ dùng được một lần.`,
      '3. Gửi lại tin nhắn tại đây: LIÊN KẾT <mã>, ví dụ: LIÊN KẾT K7M2QX9P',
      'Số điện thoại hay email gõ trong tin nhắn không được dùng để xác minh danh tính.',
    ].join('\n'),
  /** After a policy answer to someone whose Zalo account is not linked. */
  afterOutsiderAnswer: (ttlMinutes: number, contact: string) =>
    `Để lập, gửi và theo dõi đề xuất trên Zalo, anh/chị cần liên kết tài khoản Zalo này với tài khoản cán bộ: nhắn “liên kết Zalo” cho Trợ lý Đổi mới trên Microsoft Teams để nhận mã (hiệu lực ${ttlMinutes} phút), rồi gửi tại đây: LIÊN KẾT <mã>. Nếu chưa có trong danh bạ cán bộ, vui lòng liên hệ ${contact}.`,
  linked: (name: string) => `Đã liên kết tài khoản Zalo này với cán bộ ${name}. Từ nay anh/chị có thể dùng Trợ lý Đổi mới ngay trên Zalo.`,
  linkInvalid:
    'Mã liên kết không đúng, đã hết hạn hoặc đã được dùng. Anh/chị vui lòng lấy mã mới (nhắn “liên kết Zalo” trên Teams) rồi gửi lại: LIÊN KẾT <mã>.',
  linkRateLimited: (minutes: number) =>
    `Anh/chị đã nhập sai mã liên kết quá nhiều lần. Vui lòng thử lại sau ${minutes} phút với một mã mới.`,
  linkInactive: (contact: string) => `Tài khoản cán bộ gắn với mã này đang ngừng hoạt động trong danh bạ. Vui lòng liên hệ ${contact}.`,
  linkUsage: 'Anh/chị vui lòng gửi đúng dạng: LIÊN KẾT <mã>, trong đó mã là 8 ký tự nhận được trên Teams.',
  alreadyLinked: (name: string) => `Tài khoản Zalo này đã được liên kết với cán bộ ${name}.`,
  linkCodeIssued: (code: string, ttlMinutes: number) =>
    [
      `Mã liên kết Zalo của anh/chị: ${code}`,
      `Mã có hiệu lực ${ttlMinutes} phút và chỉ dùng được một lần. Trên Zalo, hãy nhắn cho Trợ lý Đổi mới: LIÊN KẾT ${code}`,
      'Không chia sẻ mã này cho người khác: ai có mã sẽ dùng được trợ lý dưới tên anh/chị.',
    ].join('\n'),
  linkCodePersonalOnly:
    'Để giữ bí mật, mã liên kết Zalo chỉ được cấp trong cuộc trò chuyện riêng với Trợ lý Đổi mới. Anh/chị vui lòng nhắn “liên kết Zalo” trong trò chuyện riêng.',
  linkCodeOnZalo: 'Mã liên kết chỉ được cấp trên Microsoft Teams hoặc bởi quản trị hệ thống, không cấp qua Zalo.',
  /** After a vote, on a text channel: the card is not sent again, so the count is said. */
  votesLeft: (n: number) => `Còn ${n} người chưa biểu quyết.`,
  heldWaiting: (n: number) => `Có ${n} tin nhắn gửi anh/chị trong lúc anh/chị chưa theo dõi Trợ lý trên Zalo; tôi vừa gửi lại ở trên.`,
  /** Written next to the buttons so the command can be typed too. */
  typeCommands: 'Anh/chị có thể gõ:',
  cliLinkCode: (email: string, code: string, ttlMinutes: number) =>
    `Mã liên kết Zalo cho ${email}: ${code} (hiệu lực ${ttlMinutes} phút, dùng một lần). Cán bộ nhắn trên Zalo: LIÊN KẾT ${code}`,
  cliUnknownOfficer: (email: string) => `Không tìm thấy cán bộ đang hoạt động có email ${email} trong danh bạ.`,
  cliNothingUndelivered: 'Không có tin nhắn Zalo nào đang chờ gửi hoặc gửi không thành công.',
  undeliveredStatus: {
    pending: 'đang chờ gửi lại',
    sending: 'đang gửi',
    held: 'giữ lại đến khi cán bộ nhắn tin lại',
    failed: 'gửi không thành công',
  } satisfies Record<string, string>,
} as const;
