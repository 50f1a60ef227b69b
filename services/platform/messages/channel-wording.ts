// The catalogue is written for Teams, where cards have buttons, date pickers and file cards. Zalo has
// none of that (the OA at most 3 buttons per message, the Bot Platform none): each phrase that names such
// an element has its Zalo form here, applied to every text rendered for Zalo, so a notice written by any
// feature reads right on a phone. The test renders the whole catalogue for every channel.

export type WordingChannel = 'msteams' | 'web' | 'zalo_oa' | 'zalo_bot';

interface Phrase {
  /** The Teams wording (a catalogue phrase, or its shape with a code or keyword in it). */
  teams: RegExp;
  /** How Zalo says it: typed commands and "tin nhắn" instead of buttons, cards and attachments. */
  zalo: string;
  /** The Bot Platform, when it differs from the OA (no buttons at all). */
  zaloBot?: string;
}

// The catalogue moves to Vietnamese quotation marks (“…”); the phrases match both kinds.
const PHRASES: Phrase[] = [
  { teams: /Chọn một việc bên dưới, hoặc gõ trực tiếp, ví dụ:/g, zalo: 'Anh/chị gõ việc cần làm, ví dụ:' },
  { teams: /[Bb]ấm ["“]Sửa đề xuất["”] \(hoặc gõ ["“](SỬA [^"”]+)["”]\)/g, zalo: 'gõ “$1”' },
  { teams: /dùng nút ["“]Sửa["”] \(hoặc gõ ["“]sửa \.\.\.["”]\) để/g, zalo: 'gõ “sửa …” (ví dụ “sửa phần b”) để' },
  { teams: /dùng nút ["“]Sửa["”] ở phần cần chỉnh/g, zalo: 'gõ “sửa …” cho phần cần chỉnh (ví dụ “sửa phần b”)' },
  { teams: /Các phần này ở đầu thẻ/g, zalo: 'Các phần này được liệt kê trước' },
  { teams: /ở tệp đính kèm/g, zalo: 'ở đường dẫn trong tin nhắn sau' },
  {
    teams: /Tôi chỉ đọc được tin nhắn văn bản và các nút bấm\./g,
    zalo: 'Tôi chỉ đọc được tin nhắn văn bản và các nút trả lời nhanh.',
    zaloBot: 'Tôi chỉ đọc được tin nhắn văn bản.',
  },
  { teams: /Thẻ này đã cũ, thao tác không còn hiệu lực\./g, zalo: 'Lệnh này đã cũ, không còn hiệu lực.' },
  { teams: /Thẻ này chỉ để xem; các thao tác/g, zalo: 'Tin này chỉ để xem; các lệnh' },
  { teams: /Thẻ chỉ để xem: anh\/chị không có thao tác nào/g, zalo: 'Tin này chỉ để xem: anh/chị không có việc gì' },
  { teams: /thẻ dưới đây là trạng thái hiện tại/g, zalo: 'dưới đây là trạng thái hiện tại' },
  { teams: /nhận thẻ biểu quyết/g, zalo: 'nhận tin nhắn biểu quyết' },
  { teams: /sau khi anh\/chị mở thẻ xem lại/g, zalo: 'sau khi anh/chị xem lại' },
  { teams: / hoặc dùng thẻ\)/g, zalo: ')' },
  { teams: /(["”]) hoặc dùng thẻ\./g, zalo: '$1.' },
  { teams: / hoặc chọn đề xuất dưới đây\./g, zalo: '.' },
  { teams: /Chọn bản nháp để làm tiếp, hoặc gõ/g, zalo: 'Gõ' },
  { teams: /Chọn tán thành hoặc không tán thành/g, zalo: 'Gõ TÁN THÀNH hoặc KHÔNG TÁN THÀNH kèm mã đề xuất' },
  { teams: /Anh\/chị chọn ["“]Mở biểu quyết tập thể["”]/g, zalo: 'Anh/chị gõ “BIỂU QUYẾT <mã>” để mở biểu quyết tập thể' },
  { teams: /Bằng việc chọn ["“]Vẫn triển khai["”]/g, zalo: 'Bằng lệnh vẫn triển khai' },
  { teams: /rồi bấm ["“]Lưu["”]( lại)?/g, zalo: 'rồi gửi' },
  { teams: /được trích dẫn bên dưới/g, zalo: 'được trích dẫn sau đây' },
  // A plan read from a document: its confirmation is typed on Zalo.
  { teams: /Bấm ["“]Lưu vào bản nháp["”] \(hoặc gõ ["“]đồng ý["”]\)/g, zalo: 'Gõ “đồng ý”' },
  { teams: /Cũng có thể bấm ["“]Lưu vào bản nháp["”]/g, zalo: 'Cũng có thể gõ “đồng ý”' },
];

/** The text as a channel should say it; Teams and the web (which show cards) keep the catalogue's words. */
export function forChannel(text: string, channel: string): string {
  if (channel !== 'zalo_oa' && channel !== 'zalo_bot') return text;
  let out = text;
  for (const p of PHRASES) out = out.replace(p.teams, channel === 'zalo_bot' && p.zaloBot !== undefined ? p.zaloBot : p.zalo);
  return out;
}

/** A whole word, Vietnamese letters included (\\b only knows ASCII letters). */
const word = (w: string) => new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, 'iu');

const NO_CARDS = [
  word('bấm'),
  word('thẻ'),
  /tệp đính kèm/iu,
  word('chọn (?:một việc|một ngày|bản nháp|đề xuất dưới|tán thành|")'),
  /bên dưới/iu,
];

/** Words that name something a channel does not have: a test fails on any of them in a rendered text. */
export const FOREIGN_WORDS: Record<WordingChannel, RegExp[]> = {
  msteams: [/tệp đính kèm/iu],
  web: [/tệp đính kèm/iu],
  // The OA shows at most 3 quick-reply buttons, named as such; the Bot Platform none.
  zalo_oa: [word('nút(?! trả lời nhanh)'), ...NO_CARDS],
  zalo_bot: [word('nút'), ...NO_CARDS],
};
