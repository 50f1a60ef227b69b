// Texts of the operators' commands: database migrations, personal data (Decree 13/2023/NĐ-CP),
// retention and the Teams app package.

export const operations = {
  demoWarning:
    'CHẾ ĐỘ DEMO: không xác thực Bot Framework, ai gọi được /api/messages cũng có thể nhận là bất kỳ cán bộ nào. Chỉ dùng để chạy thử với danh bạ mẫu, không dùng với dữ liệu thật.',
  noAuthWarning:
    'BOT_AUTH=off: không xác thực Bot Framework, chỉ nhận hoạt động từ máy này (hoặc TRUSTED_SERVICE_URLS). Chỉ dùng để thử với Bot Framework Emulator.',
  db: {
    nothingPending: 'Cơ sở dữ liệu đã ở phiên bản mới nhất: không có migration nào cần chạy.',
    pending: (names: string[]) => `Còn ${names.length} migration chưa chạy:\n${names.map((n) => `  - ${n}`).join('\n')}`,
    applied: (names: string[]) =>
      names.length === 0
        ? 'Không có migration nào cần chạy.'
        : `Đã chạy ${names.length} migration:\n${names.map((n) => `  - ${n}`).join('\n')}`,
    status: (kind: string, applied: number, pending: number) =>
      `Cơ sở dữ liệu: ${kind === 'postgres' ? 'PostgreSQL' : 'PGlite (nhúng)'}; đã chạy ${applied} migration, còn ${pending} chưa chạy.`,
  },
  privacy: {
    notFound: (email: string) => `Không có cán bộ nào với email ${email} trong danh bạ.`,
    exported: (file: string) =>
      `Đã xuất dữ liệu cá nhân ra tệp ${file}. Tệp chứa dữ liệu cá nhân: chỉ gửi cho chính người yêu cầu, qua kênh an toàn.`,
    alreadyErased: 'Dữ liệu cá nhân của người này đã được xóa trước đây; không còn gì để xóa.',
    openWork: (w: { openDecisions: number; pendingVotes: number; heldProposals: number }) =>
      [
        'Chưa xóa: người này còn việc đang xử lý, xóa dữ liệu sẽ làm việc bị treo vì không còn liên lạc được:',
        `  - quyết định đang chờ người này xem xét: ${w.openDecisions}`,
        `  - phiếu biểu quyết chưa bỏ: ${w.pendingVotes}`,
        `  - đề xuất đang do người này giữ: ${w.heldProposals}`,
        'Hãy giao lại các việc này (ví dụ cử người tạm quyền), hoặc chạy lại với --force nếu chấp nhận phải xử lý bằng tay.',
      ].join('\n'),
    erased: (officerId: string, removed: Record<string, number>, auditId: string) =>
      [
        `Đã xóa dữ liệu cá nhân: họ tên thành “Người dùng đã xóa”, email thành erased-${officerId}@invalid, số điện thoại và mã tài khoản Microsoft được xóa.`,
        ...Object.entries(removed).map(([table, n]) => `  - ${table}: xóa ${n} bản ghi`),
        `Nhật ký kiểm tra giữ nguyên (người thực hiện đã được ẩn danh); việc xóa được ghi ở sự kiện số ${auditId}.`,
        'Lưu ý: hãy xóa người này khỏi tệp danh bạ nguồn để lần nhập danh bạ sau không tạo lại họ.',
      ].join('\n'),
    purged: (r: { days: number; conversationState: number; zaloInbox: number; webEvents: number }, dryRun: boolean) =>
      `${dryRun ? '(chạy thử, chưa xóa) ' : ''}Trạng thái hội thoại không dùng quá ${r.days} ngày: ${dryRun ? 'sẽ xóa' : 'đã xóa'} ${r.conversationState} bản ghi; tin nhắn Zalo đã xử lý: ${dryRun ? 'sẽ xóa' : 'đã xóa'} ${r.zaloInbox} bản ghi; lịch sử trò chuyện trên web: ${dryRun ? 'sẽ xóa' : 'đã xóa'} ${r.webEvents ?? 0} bản ghi.`,
  },
  teams: {
    built: (file: string, version: string) =>
      `Đã tạo gói ứng dụng Teams ${file} (manifest phiên bản ${version}). Tải lên Teams admin center → Manage apps → Upload new app.`,
    invalidBotId: 'Mã bot (--bot-id) phải là Microsoft App ID dạng GUID, ví dụ 00000000-0000-0000-0000-000000000000.',
    invalidManifest: (problems: string[]) => `Manifest không hợp lệ theo lược đồ:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    invalidIcon: (which: string, problem: string) => `Biểu tượng ${which} không hợp lệ: ${problem}`,
    invalidDomain: (domain: string) => `Tên miền không hợp lệ: ${domain} (chỉ ghi tên máy chủ, ví dụ bot.laocai.gov.vn).`,
  },
};
