// The labelled lists of the workflow configuration (fields, recognition forms): a list schema whose codes
// must be unique, and the default entries (Điều 10 Nghị định 73/2023/NĐ-CP for the recognition forms).
import { z } from 'zod/v4';

export const DEFAULT_FIELDS = [
  { code: 'cai_cach_hanh_chinh', label: 'Cải cách hành chính' },
  { code: 'chuyen_doi_so', label: 'Chuyển đổi số' },
  { code: 'khoa_hoc_cong_nghe', label: 'Khoa học và công nghệ' },
  { code: 'kinh_te_tai_chinh', label: 'Kinh tế – tài chính' },
  { code: 'y_te', label: 'Y tế' },
  { code: 'giao_duc_dao_tao', label: 'Giáo dục và đào tạo' },
  { code: 'nong_nghiep_moi_truong', label: 'Nông nghiệp và môi trường' },
  { code: 'van_hoa_xa_hoi', label: 'Văn hóa – xã hội' },
  { code: 'to_chuc_bo_may_nhan_su', label: 'Tổ chức bộ máy và nhân sự' },
  { code: 'khac', label: 'Khác' },
];

export const DEFAULT_RECOGNITION_OPTIONS = [
  {
    code: 'bieu_duong',
    label: 'Biểu dương, khen ngợi kịp thời',
    basis: 'Điều 10 Nghị định 73/2023/NĐ-CP',
    confidence: 'secondary' as const,
  },
  {
    code: 'de_nghi_khen_thuong',
    label: 'Đề nghị khen thưởng theo quy định của pháp luật về thi đua, khen thưởng',
    basis: 'Điều 10 Nghị định 73/2023/NĐ-CP',
    confidence: 'secondary' as const,
  },
  {
    code: 'uu_tien_bo_nhiem_quy_hoach',
    label: 'Ưu tiên khi xem xét đánh giá, quy hoạch, bổ nhiệm, luân chuyển',
    basis: 'Điều 10 Nghị định 73/2023/NĐ-CP',
    confidence: 'secondary' as const,
  },
  {
    code: 'uu_tien_nang_ngach',
    label: 'Được xem là thành tích nổi bật khi xét nâng ngạch, thăng hạng',
    basis: 'Điều 10 Nghị định 73/2023/NĐ-CP',
    confidence: 'secondary' as const,
  },
  {
    code: 'nang_luong_truoc_han',
    label: 'Đề nghị nâng bậc lương trước thời hạn (tối đa 12 tháng)',
    basis: 'Điều 10 Nghị định 73/2023/NĐ-CP',
    confidence: 'secondary' as const,
  },
];

export const labelledList = <T extends z.ZodType>(item: T, def: z.input<T>[], what: string) =>
  z
    .array(item, { error: `phải là một danh sách ${what}` })
    .min(1, { error: `cần ít nhất một ${what}` })
    .check((c) => {
      const seen = new Set<string>();
      (c.value as { code: string }[]).forEach((v, i) => {
        if (seen.has(v.code)) c.issues.push({ code: 'custom', input: v.code, path: [i, 'code'], message: `mã “${v.code}” bị trùng` });
        seen.add(v.code);
      });
    })
    .prefault(def as never);
