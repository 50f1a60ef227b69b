// Texts around a document the bot hands over: the download link, and Teams' file-consent flow.
export const files = {
  download: 'Tải về',
  consentDescription: (name: string) => `Lưu ${name} vào OneDrive của anh/chị để mở trong Teams.`,
  consentAccepted: (name: string) => `Đã lưu ${name} vào OneDrive của anh/chị.`,
  consentDeclined: 'Anh/chị chưa lưu tệp vào OneDrive; vẫn có thể tải về bằng đường dẫn ở trên.',
  consentFailed: 'Chưa lưu được tệp vào OneDrive; anh/chị vui lòng tải về bằng đường dẫn ở trên.',
  consentGone: 'Đường dẫn của tệp này đã hết hạn; gõ “đề xuất của tôi” để lấy đường dẫn mới.',
};
