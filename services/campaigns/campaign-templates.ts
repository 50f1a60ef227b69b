// Campaign texts and checks of understanding built from the curated knowledge pack (knowledge/curated):
// a template is a few *verified* entries of the pack, their answers joined with their citations; its three
// questions each test one of those verified facts. An entry missing from the pack, or no longer verified,
// drops out: a template never states what the pack does not.
import type { CampaignDocument, CampaignQuestion } from '../../entities/campaign.entity.js';
import type { CuratedPack, PackEntry } from '../knowledge/curated-pack.js';

export interface CampaignTemplate {
  title: string;
  text: string;
  document: CampaignDocument | null;
  quiz: CampaignQuestion[];
}

interface BankQuestion extends CampaignQuestion {
  /** The pack entry whose (verified) answer holds the correct option. */
  entry: string;
}

const BANK: Record<string, BankQuestion> = {
  coverage: {
    entry: 'doi-tuong-ap-dung',
    question: 'Nghị định 73/2023/NĐ-CP áp dụng với những ai?',
    options: ['Mọi công dân có sáng kiến', 'Người giữ chức vụ lãnh đạo, quản lý (gọi chung là “cán bộ”)', 'Chỉ cán bộ cấp tỉnh'],
    correct: 1,
  },
  sendTo: {
    entry: 'gui-ke-hoach',
    question: 'Cán bộ có ý tưởng đổi mới gửi kế hoạch đề xuất cho ai?',
    options: ['Chủ tịch UBND tỉnh', 'Trưởng phòng nơi mình làm việc', 'Người đứng đầu cơ quan sử dụng cán bộ'],
    correct: 2,
  },
  deadline: {
    entry: 'thoi-han-xem-xet',
    question: 'Người đứng đầu chủ trì họp tập thể lãnh đạo xem xét kế hoạch trong thời hạn nào kể từ ngày nhận?',
    options: ['03 ngày làm việc', '07 ngày làm việc', '30 ngày'],
    correct: 1,
  },
  majority: {
    entry: 'ty-le-thong-qua',
    question: 'Đề xuất được tập thể lãnh đạo thông qua khi nào?',
    options: ['Khi tất cả đồng ý', 'Khi có trên 50% đồng ý; bằng nhau thì theo bên có ý kiến của người đứng đầu', 'Khi có trên 2/3 đồng ý'],
    correct: 1,
  },
  completed: {
    entry: 'bao-ve-hoan-thanh',
    question: 'Đề xuất được đánh giá là hoàn thành thì cán bộ thực hiện được bảo vệ thế nào?',
    options: ['Không bị xem xét trách nhiệm', 'Được miễn mọi kỷ luật trong 5 năm', 'Được tự động nâng ngạch'],
    correct: 0,
  },
  pureMotive: {
    entry: 'bao-ve-khong-hoan-thanh',
    question: 'Không hoàn thành nhưng đã làm đúng chủ trương, động cơ trong sáng vì lợi ích chung thì sao?',
    options: ['Bị kỷ luật như vi phạm thông thường', 'Được loại trừ trách nhiệm', 'Phải bồi hoàn toàn bộ kinh phí'],
    correct: 1,
  },
  yearly: {
    entry: 'bao-cao-hang-nam',
    question: 'Hằng năm, các cơ quan báo cáo kết quả khuyến khích, bảo vệ cán bộ năng động, sáng tạo trước ngày nào?',
    options: ['30/6', '30/11', '31/12'],
    correct: 1,
  },
};

const TEMPLATES: { title: string; entries: string[]; questions: (keyof typeof BANK)[]; document: string }[] = [
  {
    title: 'Nghị định 73: ai được khuyến khích, gửi kế hoạch cho ai, xem xét trong bao lâu',
    entries: ['doi-tuong-ap-dung', 'gui-ke-hoach', 'thoi-han-xem-xet'],
    questions: ['coverage', 'sendTo', 'deadline'],
    document: 'nd73',
  },
  {
    title: 'Lập và quyết định kế hoạch đề xuất đổi mới, sáng tạo',
    entries: ['noi-dung-ke-hoach', 'thoi-han-xem-xet', 'bao-cao-hang-nam'],
    questions: ['deadline', 'majority', 'yearly'],
    document: 'nd73',
  },
  {
    title: 'Bảo vệ cán bộ dám nghĩ, dám làm (Điều 11)',
    entries: ['bao-ve-hoan-thanh', 'bao-ve-khong-hoan-thanh', 'bao-cao-hang-nam'],
    questions: ['completed', 'pureMotive', 'yearly'],
    document: 'nd73',
  },
];

function verified(pack: CuratedPack, id: string): PackEntry | undefined {
  return pack.entries.find((e) => e.id === id && e.confidence === 'verified');
}

/** The templates whose every entry and question is backed by a verified entry of this pack. */
export function campaignTemplates(pack: CuratedPack): CampaignTemplate[] {
  const out: CampaignTemplate[] = [];
  for (const t of TEMPLATES) {
    const entries = t.entries.map((id) => verified(pack, id));
    const questions = t.questions.map((q) => BANK[q]!);
    if (entries.some((e) => !e) || questions.some((q) => !verified(pack, q.entry))) continue;
    const text = entries.map((e) => `• ${e!.answer.trim()} (${e!.citation})`).join('\n');
    const doc = pack.documents.find((d) => d.id === t.document);
    out.push({
      title: t.title,
      text,
      document: doc ? { title: `${doc.label}: ${doc.title}` } : null,
      quiz: questions.map(({ question, options, correct }) => ({ question, options: [...options], correct })),
    });
  }
  return out;
}
