import type { AppError } from './result.js';

/**
 * Stable error codes. Tools and tests match on these; the Vietnamese text is what a
 * clerk reads in the app. `{field}` is replaced by the field's Vietnamese label.
 */
export const ERROR_MESSAGES = {
  required: '{field}: chưa nhập.',
  too_long: '{field}: dài quá {max} ký tự.',
  invalid_date: '{field}: ngày không hợp lệ (ví dụ 05/01/2026 hoặc 2026-01-05).',
  invalid_datetime: '{field}: thời điểm không hợp lệ (dùng ISO 8601, ví dụ 2026-01-05T08:30).',
  future_date: '{field}: không được sau thời điểm hiện tại.',
  issued_after_arrival: 'Ngày văn bản không được sau ngày đến.',
  due_before_arrival: 'Hạn giải quyết không được trước ngày đến.',
  invalid_enum: '{field}: giá trị «{value}» không thuộc danh mục.',
  unknown_type: 'Loại văn bản «{value}» không có trong danh mục Nghị định 30/2020/NĐ-CP.',
  control_chars: '{field}: có ký tự điều khiển hoặc ký tự không hợp lệ.',
  invalid_number: '{field}: phải là số nguyên từ {min} đến {max}.',
  invalid_symbol: 'Số, ký hiệu: không đúng dạng «số/ký hiệu» (ví dụ 123/QĐ-UBND).',
  unknown_field: 'Trường «{field}» không được hỗ trợ.',
  immutable_field: '{field}: không được sửa sau khi vào sổ.',
  invalid_input: 'Dữ liệu không hợp lệ.',
  duplicate: 'Văn bản này đã được vào sổ (số đến {arrivalNumber}).',
  not_found: 'Không tìm thấy văn bản.',
  unknown_register: 'Không có sổ văn bản «{value}».',
  register_mismatch: 'Văn bản mật phải vào sổ văn bản mật, văn bản thường vào sổ thường.',
  register_change: 'Đổi độ mật làm văn bản phải chuyển sổ; hãy hủy và vào sổ lại.',
  year_change: 'Ngày đến mới phải cùng năm với năm của số đến.',
  number_taken: 'Số đến {arrivalNumber} năm {year} của sổ {register} đã được dùng.',
  already_voided: 'Văn bản đã bị hủy.',
  voided: 'Văn bản đã hủy, không sửa được.',
  unsupported_file: '{value}: không phải tệp PDF, PNG, JPEG hoặc TIFF.',
  executable_file: '«{value}»: {reason}; không nhận tệp chương trình làm tệp đính kèm.',
  invalid_pdf: '«{value}»: tệp PDF không hợp lệ ({reason}).',
  encrypted_pdf:
    '«{value}»: tệp PDF được mã hóa (đặt mật khẩu); hồ sơ phải đọc được không cần mật khẩu, hãy đề nghị nơi gửi gửi lại bản không mã hóa.',
  invalid_image: '«{value}»: {reason}.',
  zip_invalid: '«{value}»: {reason}.',
  zip_encrypted: '«{value}»: {reason}; hồ sơ phải đọc được không cần mật khẩu, hãy đề nghị nơi gửi gửi lại bản không mã hóa.',
  zip_unsafe_path: '«{value}»: {reason}; không nhận tệp nén có thể ghi ra ngoài thư mục giải nén.',
  zip_too_many_entries: '«{value}»: tệp nén {reason}.',
  zip_bomb: '«{value}»: tệp nén {reason}; không nhận.',
  office_invalid: '«{value}»: {reason}.',
  office_macros: '«{value}»: {reason}; hãy đề nghị nơi gửi gửi lại bản không có macro.',
  invalid_token_library: 'Thư viện PKCS#11 «{value}»: {reason}.',
  file_not_found: 'Không đọc được tệp «{value}».',
  empty_file: 'Tệp «{value}» rỗng.',
  not_initialized: 'Cơ sở dữ liệu chưa được khởi tạo; hãy chạy lệnh init.',
  db_newer: 'Cơ sở dữ liệu được tạo bởi phiên bản mới hơn (lược đồ {found}, phiên bản này hỗ trợ {supported}); hãy cập nhật VănThư.',
  db_corrupt: 'Tệp cơ sở dữ liệu bị hỏng: {value}',
  network_filesystem: 'Cơ sở dữ liệu nằm trên ổ mạng ({value}); không dùng chế độ WAL ở đó.',
  busy: 'Cơ sở dữ liệu đang bận; hãy thử lại.',
  invalid_cursor: 'Con trỏ phân trang không hợp lệ.',
  invalid_query: 'Điều kiện tìm kiếm không hợp lệ.',
  backup_failed: 'Sao lưu không thành công: {value}',
  backup_onto_database: 'Không sao lưu đè lên chính tệp cơ sở dữ liệu đang dùng; hãy chọn tệp khác (ví dụ trên ổ USB).',
  import_failed: 'Tệp nhập có {count} dòng lỗi; không dòng nào được nhập.',
  file_changed: 'Tệp «{value}» đã thay đổi trong lúc nhập; không dòng nào được nhập, hãy nhập lại.',
  invalid_csv: 'Tệp CSV không đọc được ở dòng {line}: {value}; không dòng nào được nhập.',
  cancelled: 'Đã hủy thao tác; không có gì được ghi.',
  file_too_large: 'Tệp quá lớn.',
  unknown_method: 'Yêu cầu không hợp lệ: {value}',
  forbidden: 'Yêu cầu bị từ chối.',
  unauthenticated: 'Chưa đăng nhập: hãy đăng nhập bằng tài khoản của bạn (CLI: --user TÊN --password-env BIẾN, hoặc vanthu login).',
  invalid_credentials: 'Sai tên đăng nhập hoặc mật khẩu.',
  account_locked:
    'Tài khoản tạm khóa vì nhập sai mật khẩu {max} lần liên tiếp; hãy thử lại sau {until} hoặc nhờ người quản trị đặt lại mật khẩu.',
  account_disabled: 'Tài khoản đã bị vô hiệu hóa; hãy liên hệ người quản trị.',
  weak_password: 'Mật khẩu chưa đủ mạnh: {reason}.',
  last_admin: 'Không thể {value}: đây là tài khoản quản trị cuối cùng còn hoạt động.',
  unknown_role: 'Vai trò «{value}» không tồn tại (clerk, leader, specialist, archivist, admin).',
  invalid_username:
    'Tên đăng nhập «{value}» không hợp lệ: 3–32 ký tự gồm chữ thường không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang, bắt đầu bằng chữ.',
  username_taken: 'Tên đăng nhập «{value}» đã có.',
  account_not_found: 'Không có tài khoản «{value}».',
  session_locked: 'Phiên làm việc đã tạm khóa vì lâu không thao tác; hãy nhập lại mật khẩu.',
  session_expired: 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.',
  password_change_required: 'Mật khẩu của bạn vừa được đặt lại; hãy đổi mật khẩu trước khi làm việc.',
  setup_done: 'Cơ sở dữ liệu đã có tài khoản; hãy đăng nhập (tài khoản mới do người quản trị tạo).',
  unknown_command: 'Lệnh không hợp lệ: {value}',
  internal: 'Lỗi hệ thống: {value}',
  db_unavailable: 'Không kết nối được máy chủ cơ sở dữ liệu ({value}); đang thử kết nối lại. Thao tác chưa được ghi.',
  db_timeout: 'Máy chủ cơ sở dữ liệu trả lời quá lâu; thao tác đã dừng, không có gì được ghi.',
  db_auth: 'Máy chủ cơ sở dữ liệu từ chối đăng nhập của {value}: sai tên hoặc mật khẩu.',
  db_missing: 'Máy chủ không có cơ sở dữ liệu «{value}».',
  db_role_taken:
    'Tên đăng nhập «{value}» đã là một vai trò khác trên máy chủ cơ sở dữ liệu (của hệ thống hoặc của cơ quan khác); hãy chọn tên khác.',
  db_createrole_needed:
    'Kết nối cơ sở dữ liệu hiện tại không có quyền tạo, sửa vai trò đăng nhập (CREATEROLE); hãy làm việc này bằng tài khoản quản trị.',
  db_password_reset_needed:
    'Máy chủ cơ sở dữ liệu chưa có mật khẩu này của tài khoản «{value}» (tài khoản được chuyển sang hoặc mật khẩu đổi ở nơi khác); hãy nhờ người quản trị đặt lại mật khẩu.',
  db_forbidden: 'Máy chủ cơ sở dữ liệu từ chối thao tác này với tài khoản của bạn (không đủ quyền).',
  invalid_database: 'Địa chỉ cơ sở dữ liệu không hợp lệ: {value} (ví dụ postgres://may-chu:5432/vanthu).',
  migrate_target_not_empty: 'Cơ sở dữ liệu đích đã có dữ liệu; chỉ chuyển sang một cơ sở dữ liệu mới khởi tạo.',
  // Capture (text of attachments, OCR, the "ĐẾN" stamp)
  too_many_pages: '«{value}»: {reason}.',
  invalid_page_range: '«{value}»: khoảng trang không hợp lệ ({reason}).',
  image_too_large: '«{value}»: ảnh quá lớn để nhận dạng ({reason}).',
  capture_failed: '«{value}»: không đọc được nội dung tệp ({reason}).',
  capture_timeout: '«{value}»: nhận dạng quá lâu nên đã dừng; hãy thử lại với ít trang hơn (--pages).',
  capture_busy: 'Đang có quá nhiều tệp chờ nhận dạng; hãy đợi các tệp trước xong.',
  not_a_pdf: '«{value}»: không phải tệp PDF; đóng dấu «ĐẾN» chỉ làm trên bản PDF điện tử.',
  no_attachment: 'Văn bản không có tệp đính kèm {value}.',
  migrate_verify_failed: 'Kiểm tra sau khi chuyển dữ liệu không khớp: {value}; không có gì được ghi.',
  // The archive (lưu trữ): file plan, dossiers, hand-over, holds, destruction.
  plan_not_found: 'Chưa có danh mục hồ sơ năm {year}.',
  plan_exists: 'Danh mục hồ sơ năm {year} đã có.',
  plan_approved: 'Danh mục hồ sơ đã được phê duyệt; không thay đổi được.',
  plan_empty: 'Danh mục hồ sơ chưa có hồ sơ nào; không phê duyệt được.',
  heading_not_found: 'Không có đề mục «{value}» trong danh mục hồ sơ năm {year}.',
  abbreviation_taken: 'Ký hiệu đề mục «{value}» đã dùng trong danh mục năm {year}.',
  code_taken: 'Số và ký hiệu hồ sơ «{value}» đã dùng trong năm {year}.',
  dossier_not_found: 'Không tìm thấy hồ sơ.',
  dossier_state: 'Hồ sơ đang ở trạng thái «{value}»; không làm được việc này.',
  dossier_not_open: 'Hồ sơ không ở trạng thái đang lập; không thêm hoặc bớt văn bản được.',
  dossier_empty: 'Hồ sơ chưa có văn bản nào; không kết thúc được.',
  dossier_unclean: 'Hồ sơ còn {count} văn bản trùng hoặc dự thảo; hãy loại bỏ hoặc xác nhận giữ lại.',
  confirm_needed: 'Hãy xác nhận lại {field} trước khi kết thúc hồ sơ.',
  no_change: 'Giá trị mới giống giá trị hiện có: không có gì để đính chính.',
  already_filed: 'Văn bản đã có trong hồ sơ này.',
  dossier_other_unit: 'Hồ sơ này của đơn vị khác: chuyên viên chỉ cập nhật hồ sơ của đơn vị mình hoặc hồ sơ do mình mở.',
  invalid_shelf_length: '{field}: ghi số mét giá từ 0 đến 1.000.000, tối đa hai chữ số sau dấu phẩy (ví dụ 1,25).',
  not_filed: 'Văn bản không có trong hồ sơ này.',
  invalid_retention: '{field}: ghi «Vĩnh viễn» hoặc số năm từ 1 đến 100.',
  invalid_code: '{field}: «{value}» không đúng dạng (ví dụ 01.TCCB).',
  declared_record: 'Hồ sơ, tài liệu đã vào lưu trữ (hoặc đã hủy); không được sửa hoặc xóa.',
  held: 'Hồ sơ, tài liệu đang bị đóng băng (tạm giữ theo yêu cầu của người có thẩm quyền); không được sửa, chuyển hoặc hủy.',
  hold_state: 'Lệnh đóng băng đã được gỡ hoặc không sửa được.',
  hold_not_found: 'Không tìm thấy lệnh đóng băng.',
  retention_too_short: 'Hồ sơ «{value}» có thời hạn bảo quản dưới 5 năm; không nộp lưu vào Lưu trữ cơ quan.',
  handover_not_found: 'Không tìm thấy biên bản giao nhận.',
  handover_state: 'Biên bản giao nhận đã được tiếp nhận; không thay đổi được.',
  keep_back_too_long: 'Thời hạn giữ lại tối đa 2 năm kể từ hạn nộp lưu ({value}).',
  not_expired: 'Hồ sơ «{value}» chưa hết thời hạn bảo quản; không được đưa vào danh mục hủy.',
  destruction_not_found: 'Không tìm thấy hồ sơ hủy tài liệu.',
  destruction_state: 'Hồ sơ hủy tài liệu đang ở trạng thái «{value}»; không làm được việc này.',
  usage_not_found: 'Không tìm thấy lượt sử dụng.',
  usage_returned: 'Tài liệu của lượt sử dụng này đã được trả.',
  package_invalid: 'Gói nộp lưu không hợp lệ: {value}',
  package_mismatch: 'Gói nộp lưu bị thay đổi: {value}',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Vietnamese labels of input fields, as printed on Decree 30 forms. */
export const FIELD_LABELS: Record<string, string> = {
  organName: 'Cơ quan ban hành',
  symbol: 'Số, ký hiệu',
  codeNumber: 'Số',
  codeNotation: 'Ký hiệu',
  issuedDate: 'Ngày văn bản',
  typeName: 'Loại văn bản',
  subject: 'Trích yếu',
  arrivalDate: 'Ngày đến',
  signerName: 'Người ký',
  signerPosition: 'Chức vụ người ký',
  pageAmount: 'Số trang',
  urgency: 'Độ khẩn',
  secrecy: 'Độ mật',
  channel: 'Hình thức',
  toPlaces: 'Đơn vị, người nhận',
  dueDate: 'Hạn giải quyết',
  description: 'Ghi chú',
  arrivalNumber: 'Số đến',
  register: 'Sổ văn bản',
  reason: 'Lý do',
  year: 'Năm',
  limit: 'Số dòng',
  from: 'Từ ngày',
  pages: 'Trang',
  in: 'Tìm trong',
  to: 'Đến ngày',
  title: 'Tiêu đề hồ sơ',
  retention: 'Thời hạn bảo quản',
  code: 'Số và ký hiệu hồ sơ',
  creator: 'Người lập hồ sơ',
  abbreviation: 'Ký hiệu đề mục',
  heading: 'Đề mục',
  decisionNumber: 'Số quyết định',
  decisionDate: 'Ngày quyết định',
  startDate: 'Thời gian bắt đầu',
  endDate: 'Thời gian kết thúc',
  orderedBy: 'Người ra lệnh',
  orderRef: 'Văn bản yêu cầu',
  username: 'Tên đăng nhập',
  fullName: 'Họ và tên',
  password: 'Mật khẩu',
  roles: 'Vai trò',
  unit: 'Đơn vị',
  idleLockMinutes: 'Số phút không thao tác trước khi khóa phiên',
};

export function makeError(
  code: ErrorCode,
  opts: { field?: string; params?: Record<string, string | number>; details?: Record<string, unknown> } = {},
): AppError {
  const params: Record<string, string | number> = {
    field: opts.field ? (FIELD_LABELS[opts.field] ?? opts.field) : '',
    ...opts.params,
  };
  const message = ERROR_MESSAGES[code].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  const err: AppError = { code, message };
  if (opts.field) err.field = opts.field;
  if (opts.details) err.details = opts.details;
  return err;
}

/**
 * What the page (or a web client) learns of a failure of the app itself: that it happened
 * and a reference to quote, never its text (paths, loader and driver messages); the
 * details are in the local log under the same reference.
 */
export function internalError(ref?: string): AppError {
  return {
    code: 'internal',
    message: ref
      ? `Lỗi hệ thống (mã tra cứu ${ref}); chi tiết đã được ghi vào nhật ký trên máy. Hãy thử lại hoặc báo người quản trị.`
      : 'Lỗi hệ thống; hãy thử lại hoặc báo người quản trị.',
    ...(ref ? { details: { ref } } : {}),
  };
}
