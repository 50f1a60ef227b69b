// Texts of the web face: the web chat, the signed decision links and the dashboard.
export const web = {
  appTitle: 'Trợ lý Đổi mới – Lào Cai',
  linkRefused: {
    not_found:
      'Liên kết không hợp lệ. Anh/chị vui lòng kiểm tra lại đường dẫn trong tin nhắn, hoặc mở “Việc chờ tôi” trong Trợ lý Đổi mới.',
    expired:
      'Liên kết đã hết hạn. Anh/chị vui lòng mở “Việc chờ tôi” trong Trợ lý Đổi mới (Teams, Zalo hoặc trang web) để xem xét kế hoạch, hoặc nhắn Trợ lý để nhận liên kết mới.',
    used: 'Liên kết này đã được dùng và chỉ dùng được một lần. Ý kiến của anh/chị đã được ghi nhận; các bước tiếp theo (nếu có) sẽ được gửi bằng tin nhắn hoặc liên kết mới.',
    revoked: 'Liên kết này đã được thay bằng một liên kết mới hơn. Anh/chị vui lòng dùng liên kết trong tin nhắn mới nhất.',
    forwarded:
      'Liên kết này đã được mở trên một trình duyệt khác. Vì lý do bảo mật, liên kết chỉ dùng được trên trình duyệt đầu tiên đã mở nó và không được chuyển tiếp cho người khác. Nếu anh/chị là người nhận và đổi thiết bị, vui lòng đăng nhập trang Trợ lý Đổi mới hoặc xin liên kết mới.',
    other_person: 'Liên kết này được gửi cho một cán bộ khác, không dùng được với tài khoản đang đăng nhập trên trình duyệt này.',
    inactive: 'Tài khoản cán bộ nhận liên kết này đang ngừng hoạt động trong danh bạ.',
  } satisfies Record<string, string>,
  /** The message that carries a signed link, for a person chat cannot reach (Zalo window closed, or by choice). */
  linkNotice: (code: string, url: string, hours: number, scope: 'decide' | 'vote') =>
    [
      scope === 'vote'
        ? `Kế hoạch đề xuất ${code} đang chờ phiếu biểu quyết của anh/chị.`
        : `Kế hoạch đề xuất ${code} đang chờ anh/chị xem xét, quyết định.`,
      `Mở liên kết sau để xem kế hoạch và cho ý kiến: ${url}`,
      `Liên kết chỉ dành cho anh/chị, dùng được một lần trên trình duyệt mở đầu tiên và hết hạn sau ${hours} giờ. Không chuyển tiếp liên kết này.`,
    ].join('\n'),
  linkRateLimited: (seconds: number) => `Anh/chị thao tác quá nhanh. Vui lòng thử lại sau ${seconds} giây.`,
  linkGreeting: (name: string) =>
    `Kính gửi ${name}: dưới đây là kế hoạch đề xuất cần anh/chị cho ý kiến. Liên kết này chỉ dành cho anh/chị và chỉ dùng được một lần.`,
  linkUsedNow:
    'Đã ghi nhận. Liên kết này đến đây là hết hiệu lực; các bước tiếp theo (nếu có) sẽ được gửi bằng tin nhắn hoặc liên kết mới.',
  linkVerbNotAllowed: 'Thao tác này không thuộc phạm vi của liên kết.',
  csrfRefused: 'Phiên làm việc của trang đã cũ. Anh/chị vui lòng tải lại trang rồi thử lại.',
  signInRequired: 'Anh/chị cần đăng nhập để dùng Trợ lý Đổi mới trên web.',
  signInFailed: 'Không đăng nhập được bằng tài khoản Microsoft. Anh/chị vui lòng thử lại; nếu vẫn lỗi, liên hệ quản trị hệ thống.',
  notInDirectory: (contact: string) =>
    `Tài khoản Microsoft này chưa có trong danh bạ cán bộ của Trợ lý Đổi mới. Vui lòng liên hệ ${contact}.`,
  demoOnly: 'Chức năng này chỉ có trong chế độ thử nghiệm (demo).',
  webChatOff: 'Trang web của Trợ lý Đổi mới chưa được bật trên máy chủ này. Anh/chị vui lòng liên hệ bộ phận quản trị hệ thống.',
  unknownOfficer: 'Không tìm thấy cán bộ đã chọn trong danh bạ thử nghiệm.',
  busy: 'Trợ lý đang bận xử lý tin nhắn trước. Anh/chị vui lòng đợi giây lát.',
  badRequest: 'Yêu cầu không hợp lệ.',
  dashboardForbidden:
    'Bảng theo dõi chỉ dành cho lãnh đạo Sở Nội vụ theo phân công (toàn tỉnh) và người đứng đầu cơ quan, đơn vị (đơn vị mình và các đơn vị trực thuộc).',
  cli: {
    badHours: 'Thời hạn phải là số giờ nguyên từ 1 đến 720.',
    officerNotFound: (email: string) => `Không tìm thấy cán bộ đang hoạt động có email ${email}.`,
    proposalNotFound: (code: string) => `Không tìm thấy đề xuất mã ${code}.`,
    sessionsRevoked: (n: number) => `Đã đăng xuất ${n} phiên trang web.`,
  },
  dashboard: {
    title: 'Bảng theo dõi đề xuất đổi mới, sáng tạo',
    scopeProvince: 'Phạm vi: toàn tỉnh',
    scopeUnits: (names: string[]) => `Phạm vi: ${names.join(', ')} và các đơn vị trực thuộc`,
    sheetStatus: 'Theo trạng thái',
    sheetUnits: 'Theo đơn vị',
    sheetOverdueDecisions: 'Quá hạn xem xét',
    sheetOverdueEvaluations: 'Quá hạn đánh giá',
    sheetStages: 'Thời gian từng bước',
    sheetAnnual: 'Báo cáo năm',
    sheetProposals: 'Danh sách đề xuất',
    colStatus: 'Trạng thái',
    colCount: 'Số lượng',
    colUnit: 'Đơn vị',
    colUnitCode: 'Mã đơn vị',
    colTotal: 'Tổng số',
    colPending: 'Đang xem xét',
    colApproved: 'Được thông qua',
    colRejected: 'Không thông qua',
    colReturned: 'Trả lại',
    colOverdue: 'Quá hạn',
    colCode: 'Mã đề xuất',
    colTitle: 'Tên đề xuất',
    colStage: 'Bước',
    colHolder: 'Người đang xử lý',
    colDue: 'Hạn',
    colDaysOverdue: 'Số ngày quá hạn',
    colPeriods: 'Số lượt',
    colAverageDays: 'Trung bình (ngày)',
    colMaxDays: 'Lâu nhất (ngày)',
    colCurrent: 'Đang ở bước này',
    colSubmittedAt: 'Ngày gửi',
    colReportStatus: 'Tình trạng',
    reportSubmitted: 'Đã nộp',
    reportMissing: 'Chưa nộp',
    stageLabels: { decision: 'Xem xét, quyết định', intake: 'Sở Nội vụ tiếp nhận', evaluation: 'Đánh giá kết quả' } satisfies Record<
      string,
      string
    >,
    notAvailable: 'Chưa có dữ liệu (chức năng sau quyết định chưa được cài đặt trên máy chủ này).',
  },
} as const;
