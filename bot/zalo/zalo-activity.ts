// A Zalo event as a Bot Framework activity.
import { ActivityTypes, type Activity } from 'botbuilder';
import { ZALO_FILE_CONTENT_TYPE, type ZaloEvent } from '../../services/zalo/zalo-events.js';

/** The activity a Zalo event becomes, so that it runs through the same application as Teams and the web. */
export function zaloActivity(event: ZaloEvent, officerName?: string): Partial<Activity> {
  // Not an http URL on purpose: a stored Zalo reference must never be posted to by a Bot Connector client.
  const serviceUrl = `urn:zalo:${event.channel}`;
  return {
    type: ActivityTypes.Message,
    id: event.messageId,
    channelId: event.channel,
    serviceUrl,
    timestamp: new Date(),
    locale: 'vi-VN',
    from: { id: event.userId!, name: officerName ?? '' },
    recipient: { id: event.channel, name: 'Trợ lý Đổi mới' },
    conversation: { id: event.chatId!, conversationType: 'personal', isGroup: false, name: '' },
    text: event.text ?? '',
    textFormat: 'plain',
    channelData: { zalo: { eventName: event.eventName } },
    // A file message: the plan import downloads it, from Zalo's file hosts only.
    ...(event.file
      ? {
          attachments: [
            {
              contentType: ZALO_FILE_CONTENT_TYPE,
              contentUrl: event.file.url,
              name: event.file.name,
              content: { size: event.file.size },
            },
          ],
        }
      : {}),
  };
}
