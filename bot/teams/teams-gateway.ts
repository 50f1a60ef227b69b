// Proactive messages to Teams through the Bot Framework adapter: into a stored conversation, or a new
// 1:1 chat with someone the bot has not talked to yet (the notifier stores the reference it returns).
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { PersonalChatRequest, StoredReference, TeamsGateway } from '../../services/notifications/channel-gateway.js';
import { sendInTurn } from '../core/send-in-turn.js';
import { isRetryableSendError } from '../core/send-retry.js';

const TEAMS_AUDIENCE = 'https://api.botframework.com';
const CREATE_ATTEMPTS = 4;
const CREATE_BACKOFF_MS = 500;

export class BotFrameworkTeamsGateway implements TeamsGateway {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  send(reference: StoredReference, activity: Record<string, unknown>): Promise<void> {
    return sendInTurn(
      (logic) => this.adapter.continueConversationAsync(this.appId, reference as Partial<ConversationReference>, logic),
      activity,
    );
  }

  async startPersonalChat(request: PersonalChatRequest, activity: Record<string, unknown>): Promise<StoredReference> {
    const { serviceUrl, tenantId, botId, userId, aadObjectId } = request;
    const parameters = {
      isGroup: false,
      bot: { id: botId },
      members: [{ id: userId, aadObjectId }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    };
    let reference: StoredReference | undefined;
    // Creating the chat is retried on 429 and server errors (the message inside it is retried by the
    // adapter's middleware); once the chat exists, a failure is the message's and is not sent again here.
    for (let attempt = 1; ; attempt++) {
      try {
        await sendInTurn(
          (logic) =>
            this.adapter.createConversationAsync(
              this.appId,
              'msteams',
              serviceUrl,
              TEAMS_AUDIENCE,
              parameters as never,
              async (context) => {
                reference = {
                  channelId: 'msteams',
                  serviceUrl: context.activity.serviceUrl ?? serviceUrl,
                  conversation: { id: context.activity.conversation?.id, conversationType: 'personal', tenantId },
                  bot: { id: botId },
                  user: { id: userId, aadObjectId },
                };
                await logic(context);
              },
            ),
          activity,
        );
        break;
      } catch (err) {
        if (reference || attempt >= CREATE_ATTEMPTS || !isRetryableSendError(err)) throw err;
        await new Promise((resolve) => setTimeout(resolve, CREATE_BACKOFF_MS * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5)));
      }
    }
    if (!reference?.conversation?.id) throw new Error('msteams: no conversation id returned');
    return reference;
  }
}
