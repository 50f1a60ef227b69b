// Texts of the province directory: import errors (one per bad row), summaries, export and the demo.

/** Human names of the directory file's columns, used in error messages. */
export const directoryColumnLabels: Record<string, string> = {
  unit_code: 'mã đơn vị',
  unit_name: 'tên đơn vị',
  unit_kind: 'loại đơn vị',
  parent_unit_code: 'mã đơn vị cấp trên',
  officer_email: 'email cán bộ',
  officer_name: 'họ tên cán bộ',
  position: 'chức vụ',
  role: 'vai trò trong đơn vị',
  is_manager: 'là lãnh đạo, quản lý',
  phone: 'số điện thoại',
  teams_aad_object_id: 'mã tài khoản Microsoft (AAD object id)',
  is_home_affairs: 'là Sở Nội vụ',
  is_provincial_committee: 'là UBND tỉnh',
};

const label = (column: string) => `${directoryColumnLabels[column] ?? column} (cột ${column})`;
const quote = (value: string) => `“${value.length > 80 ? `${value.slice(0, 77)}...` : value}”`;

export const directory = {
  // File-level problems: the file cannot be read as a directory at all.
  fileNotFound: (file: string) => `Không tìm thấy tệp ${file}.`,
  fileUnreadable: (file: string, reason: string) => `Không đọc được tệp ${file}: ${reason}`,
  unsupportedFileType: (file: string) => `Tệp ${file} không được hỗ trợ: chỉ nhận tệp CSV (UTF-8) hoặc Excel .xlsx.`,
  notUtf8: 'tệp CSV không phải mã UTF-8. Trong Excel, hãy lưu lại bằng “CSV UTF-8 (Comma delimited)”.',
  csvSyntax: (line: number | undefined, detail: string) => `tệp CSV sai cú pháp${line ? ` ở dòng ${line}` : ''} (${detail}).`,
  xlsxInvalid: 'tệp Excel bị hỏng hoặc không phải định dạng .xlsx.',
  noSheet: 'tệp Excel không có trang tính nào.',
  emptyFile: 'tệp không có dòng tiêu đề.',
  missingColumns: (columns: string[]) => `dòng tiêu đề thiếu cột: ${columns.join(', ')}.`,
  unknownColumns: (columns: string[]) => `dòng tiêu đề có cột không được hỗ trợ: ${columns.join(', ')} (kiểm tra lỗi chính tả).`,
  duplicateColumns: (columns: string[]) => `dòng tiêu đề có cột bị lặp: ${columns.join(', ')}.`,
  noDataRows: 'tệp không có dòng dữ liệu nào dưới dòng tiêu đề.',

  // Row-level problems.
  rowError: (row: number, message: string) => `Dòng ${row}: ${message}`,
  tooManyValues: (count: number, columns: number) =>
    `dòng có ${count} giá trị nhưng tiêu đề chỉ có ${columns} cột (thừa dấu phẩy hoặc thiếu dấu ngoặc kép?)`,
  missingField: (column: string) => `thiếu ${label(column)}`,
  tooLong: (column: string, max: number) => `${label(column)} dài quá ${max} ký tự`,
  badUnitCode: (value: string) => `mã đơn vị ${quote(value)} không hợp lệ: chỉ dùng chữ, số và các ký tự . _ - / (không có khoảng trắng)`,
  unknownKind: (value: string, allowed: readonly string[]) =>
    `loại đơn vị ${quote(value)} không hợp lệ (cột unit_kind); chỉ nhận: ${allowed.join(', ')}`,
  badEmail: (value: string) => `email ${quote(value)} không đúng định dạng (cột officer_email)`,
  badRole: (value: string) =>
    `vai trò ${quote(value)} không hợp lệ (cột role); chỉ nhận: head (người đứng đầu), deputy (cấp phó), member (thành viên)`,
  badBoolean: (column: string, value: string) => `${label(column)}: giá trị ${quote(value)} không hợp lệ; dùng có/không, yes/no hoặc 1/0`,
  badPhone: (value: string) =>
    `số điện thoại ${quote(value)} không hợp lệ (cột phone); chỉ dùng chữ số, khoảng trắng và các ký tự + . - ( )`,
  badAadObjectId: (value: string) =>
    `mã tài khoản Microsoft ${quote(value)} không phải GUID hợp lệ (cột teams_aad_object_id), ví dụ 3f2504e0-4f89-41d3-9a0c-0305e82c3301`,
  duplicateEmail: (email: string, firstRow: number) => `email ${quote(email)} trùng với dòng ${firstRow}`,
  duplicateAadObjectId: (id: string, firstRow: number) => `mã tài khoản Microsoft ${quote(id)} trùng với dòng ${firstRow}`,
  twoHeads: (unitCode: string, firstRow: number) =>
    `đơn vị ${quote(unitCode)} có hai người đứng đầu (role = head): dòng ${firstRow} và dòng này`,
  unknownParent: (parentCode: string) => `đơn vị cấp trên ${quote(parentCode)} (cột parent_unit_code) không có trong tệp`,
  selfParent: (unitCode: string) => `đơn vị ${quote(unitCode)} không thể là cấp trên của chính nó`,
  parentCycle: (path: string[]) => `các đơn vị cấp trên tạo thành vòng lặp: ${path.join(' → ')}`,
  inconsistentUnit: (unitCode: string, column: string, firstRow: number, first: string, here: string) =>
    `thông tin đơn vị ${quote(unitCode)} không khớp với dòng ${firstRow}: ${label(column)} là ${quote(first || '(trống)')} ở dòng ${firstRow} nhưng ${quote(here || '(trống)')} ở dòng này`,
  manyFlaggedUnits: (flag: 'home_affairs' | 'provincial_committee', codes: string[]) =>
    flag === 'home_affairs'
      ? `có nhiều đơn vị được coi là Sở Nội vụ (${codes.join(', ')}); đặt cột is_home_affairs = có cho đúng một đơn vị và không cho các đơn vị còn lại`
      : `có nhiều đơn vị được coi là UBND tỉnh (${codes.join(', ')}); đặt cột is_provincial_committee = có cho đúng một đơn vị và không cho các đơn vị còn lại`,

  // Warnings: the import goes ahead, but the administrator should look.
  warningNoHead: (unitCode: string, unitName: string) =>
    `Đơn vị ${unitCode} (${unitName}) chưa có người đứng đầu (role = head): kế hoạch của cán bộ đơn vị này sẽ không có người nhận.`,
  warningHeadNotManager: (row: number, email: string) => `Dòng ${row}: ${email} là người đứng đầu nhưng is_manager = không.`,
  warningNoHomeAffairs:
    'Không có đơn vị nào là Sở Nội vụ (is_home_affairs): kế hoạch của người đứng đầu các cơ quan sẽ không có đầu mối tiếp nhận.',
  warningNoProvincialCommittee: 'Không có đơn vị nào là UBND tỉnh (is_provincial_committee).',

  // CLI.
  importRejected: (bad: number, total: number) =>
    `Tệp danh bạ có ${bad} dòng lỗi (trên tổng ${total} dòng dữ liệu). Chưa ghi gì vào cơ sở dữ liệu. Sửa các dòng sau rồi chạy lại:`,
  fileRejected: 'Tệp danh bạ không hợp lệ, chưa ghi gì vào cơ sở dữ liệu:',
  moreErrors: (count: number) => `... và ${count} lỗi khác.`,
  progressValidate: 'Kiểm tra',
  progressWrite: 'Ghi',
  dryRunTitle: 'Chạy thử (--dry-run): chưa ghi gì. Nếu nhập thật, danh bạ sẽ thay đổi như sau:',
  importDone: 'Đã nhập danh bạ.',
  summaryUnits: (c: { created: number; updated: number; unchanged: number; deactivated: number }) =>
    `Đơn vị: ${c.created} thêm mới, ${c.updated} cập nhật, ${c.unchanged} không đổi, ${c.deactivated} ngừng hoạt động.`,
  summaryOfficers: (c: { created: number; updated: number; unchanged: number; deactivated: number }) =>
    `Cán bộ: ${c.created} thêm mới, ${c.updated} cập nhật, ${c.unchanged} không đổi, ${c.deactivated} ngừng hoạt động.`,
  nothingChanged: 'Danh bạ trong tệp trùng khớp với dữ liệu hiện có: không có gì thay đổi.',
  warningsTitle: 'Lưu ý:',
  exportDone: (file: string, units: number, officers: number) =>
    `Đã xuất danh bạ ra ${file}: ${units} đơn vị, ${officers} cán bộ đang hoạt động.`,
  exportFailed: (file: string, reason: string) => `Không ghi được tệp ${file}: ${reason}`,
  exportNoFolder: 'thư mục chứa tệp không tồn tại.',
  exportNoPermission: 'không có quyền ghi vào vị trí này.',

  // Demo directory: labels of the demo people the server suggests talking as.
  demoLoaded: (units: number, officers: number) =>
    `Đã nạp danh bạ mẫu (dữ liệu giả lập, không phải người thật): ${units} đơn vị, ${officers} cán bộ.`,
  demoRoleStaff: 'Chuyên viên (không giữ chức vụ quản lý)',
  demoRoleDepartmentHead: 'Giám đốc sở',
  demoRoleHomeAffairsHead: 'Giám đốc Sở Nội vụ',
  demoRoleChairman: 'Chủ tịch UBND tỉnh',
};
