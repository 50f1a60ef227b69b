// A tiny real Bot Framework bot (botbuilder CloudAdapter, authentication off as with the Emulator) on restify,
// on a random loopback port. It greets on install using the Teams roster, echoes text, sends an Adaptive Card
// with inputs and answers its Action.Execute with a new card: enough to drive the terminal chat end to end
// without the product's bot.
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  TeamsInfo,
  CardFactory,
  MessageFactory,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationReference,
  type FileConsentCardResponse,
  TurnContext,
} from 'botbuilder';

export const FAKE_BOT_CARD_TITLE = 'Đăng ký đề xuất thử';
export const FAKE_BOT_FILE_TEXT = 'Kế hoạch đề xuất: số hóa hồ sơ một cửa.';

/** The card with inputs the fake bot sends when the user types "thẻ". */
export function fakeProposalCard(): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: FAKE_BOT_CARD_TITLE, weight: 'Bolder', size: 'Medium' },
      { type: 'FactSet', facts: [{ title: 'Đơn vị', value: 'Sở Nội vụ' }] },
      { type: 'Input.Text', id: 'title', label: 'Tên đề xuất', isRequired: true, errorMessage: 'Vui lòng nhập tên đề xuất' },
      {
        type: 'Input.ChoiceSet',
        id: 'field',
        label: 'Lĩnh vực',
        value: 'hanh_chinh',
        choices: [
          { title: 'Hành chính', value: 'hanh_chinh' },
          { title: 'Giáo dục', value: 'giao_duc' },
          { title: 'Y tế', value: 'y_te' },
        ],
      },
      { type: 'Input.Date', id: 'deadline', label: 'Hạn hoàn thành' },
    ],
    actions: [
      { type: 'Action.Execute', title: 'Gửi đề xuất', verb: 'submitProposal', data: { step: 1 } },
      { type: 'Action.Submit', title: 'Lưu nháp', data: { kind: 'draft' } },
    ],
  };
}

export interface FakeBot {
  url: string;
  /** Every activity the bot received, in order. */
  received: Partial<Activity>[];
  /** Roster lookups made on install and what came back (or the error message). */
  rosterLookups: Array<{ userId: string; email?: string; error?: string }>;
  stop(): Promise<void>;
}

class EchoTeamsBot extends TeamsActivityHandler {
  constructor(private readonly state: Pick<FakeBot, 'received' | 'rosterLookups'>) {
    super();
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded) {
        let who = context.activity.from.name ?? 'bạn';
        try {
          const member = await TeamsInfo.getMember(context, context.activity.from.id);
          this.state.rosterLookups.push({ userId: context.activity.from.id, email: member.email ?? undefined });
          who = `${member.name} <${member.email}>`;
        } catch (error) {
          this.state.rosterLookups.push({ userId: context.activity.from.id, error: (error as Error).message });
        }
        await context.sendActivity(`Xin chào ${who}! Tôi là bot thử nghiệm.`);
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      const { text, value } = context.activity;
      if (value !== undefined && value !== null && (value as { menu?: boolean }).menu) {
        // As the product does after a button: the menu comes back as a new card with other buttons.
        await context.sendActivity(
          MessageFactory.attachment(CardFactory.adaptiveCard(buttonsCard('Menu', [{ title: 'Tạo đề xuất mới', data: { create: true } }]))),
        );
      } else if (value !== undefined && value !== null) {
        await context.sendActivity(`Đã nhận dữ liệu: ${JSON.stringify(value)}`);
      } else if ((text ?? '').trim().toLowerCase() === 'danh sách') {
        const list = buttonsCard('Đề xuất của tôi', [
          { title: 'ĐX-2026-0001', data: { open: 'ĐX-2026-0001' } },
          { title: 'ĐX-2026-0002', data: { open: 'ĐX-2026-0002' } },
          { title: 'Menu', data: { menu: true } },
        ]);
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(list)));
      } else if ((text ?? '').trim().toLowerCase() === 'kinh phí') {
        // Teams reads text as markdown: the product escapes the dot of "1.200" so it is not a list.
        const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Tổng **1\\.200** triệu đồng' }] };
        await context.sendActivity({
          type: 'message',
          text: 'Kinh phí: 1\\.200 triệu đồng',
          attachments: [CardFactory.adaptiveCard(card)],
        });
      } else if ((text ?? '').trim().toLowerCase() === 'trình lãnh đạo') {
        // A card for another officer goes to that officer's conversation, through the same connector.
        const client = context.turnState.get(context.adapter.ConnectorClientKey) as {
          conversations: { sendToConversation(id: string, activity: Partial<Activity>): Promise<unknown> };
        };
        await client.conversations.sendToConversation('a:lan', {
          type: 'message',
          recipient: { id: '29:lan', name: 'Nguyễn Thị Lan' },
          attachments: [
            CardFactory.adaptiveCard(buttonsCard('Xem xét kế hoạch ĐX-2026-0001', [{ title: 'Phê duyệt', data: { approve: true } }])),
          ],
        });
        await context.sendActivity('Đã trình lãnh đạo.');
      } else if ((text ?? '').trim().toLowerCase() === 'thẻ') {
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(fakeProposalCard())));
      } else if ((text ?? '').trim().toLowerCase() === 'tệp') {
        await context.sendActivity({
          type: 'message',
          text: 'Kế hoạch của anh/chị:',
          attachments: [
            {
              contentType: 'text/plain',
              name: 'ke-hoach.txt',
              contentUrl: `data:text/plain;base64,${Buffer.from(FAKE_BOT_FILE_TEXT).toString('base64')}`,
            },
            {
              contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
              name: 'ke-hoach.docx',
              contentUrl: 'https://files.example.invalid/ke-hoach.docx',
            },
          ],
        });
      } else if ((text ?? '').trim().toLowerCase() === 'gửi tệp') {
        // Teams bots cannot attach files in a personal chat: they ask consent, then upload where Teams says.
        await context.sendActivity({
          type: 'message',
          attachments: [
            {
              contentType: 'application/vnd.microsoft.teams.card.file.consent',
              name: 'bao-cao.txt',
              content: {
                description: 'Báo cáo năm',
                sizeInBytes: Buffer.byteLength(FAKE_BOT_FILE_TEXT),
                acceptContext: { file: 'bao-cao' },
                declineContext: { file: 'bao-cao' },
              },
            },
          ],
        });
      } else if ((text ?? '').trim().toLowerCase() === 'chậm') {
        // Replies after the HTTP answer, like a bot finishing work in the background.
        const reference = TurnContextReference.of(context);
        setTimeout(() => void reference.send('Trả lời muộn.'), 50);
      } else {
        await context.sendActivities([{ type: 'typing' }, { type: 'message', text: `Bạn vừa nói: ${text ?? ''}` }]);
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    this.state.received.push(JSON.parse(JSON.stringify(context.activity)) as Partial<Activity>);
    await super.run(context);
  }

  protected override async handleTeamsFileConsentAccept(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    const info = response.uploadInfo!;
    const bytes = Buffer.from(FAKE_BOT_FILE_TEXT);
    const upload = await fetch(info.uploadUrl!, {
      method: 'PUT',
      headers: { 'Content-Length': String(bytes.length), 'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
      body: bytes,
    });
    if (!upload.ok) throw new Error(`upload failed: HTTP ${upload.status}`);
    await context.sendActivity({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.card.file.info',
          name: info.name,
          contentUrl: info.contentUrl,
          content: { uniqueId: info.uniqueId, fileType: info.fileType },
        },
      ],
    });
  }

  protected override async handleTeamsFileConsentDecline(context: TurnContext): Promise<void> {
    await context.sendActivity('Đã hủy gửi tệp.');
  }

  protected override async onAdaptiveCardInvoke(
    _context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const data = (invokeValue.action.data ?? {}) as Record<string, unknown>;
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: `Đã ghi nhận đề xuất «${String(data.title ?? '')}»` },
          {
            type: 'FactSet',
            facts: [
              { title: 'Thao tác', value: invokeValue.action.verb },
              { title: 'Lĩnh vực', value: String(data.field ?? '') },
              { title: 'Hạn', value: String(data.deadline ?? '') },
              { title: 'Bước', value: String(data.step ?? '') },
            ],
          },
        ],
      },
    };
  }
}

function buttonsCard(title: string, buttons: Array<{ title: string; data: Record<string, unknown> }>): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: title, weight: 'Bolder' }],
    actions: buttons.map((b) => ({ type: 'Action.Submit', title: b.title, data: b.data })),
  };
}

/** Sends later, outside the turn, through the adapter (a proactive message). */
class TurnContextReference {
  private constructor(
    private readonly adapter: CloudAdapter,
    private readonly reference: Partial<ConversationReference>,
  ) {}

  static of(context: TurnContext): TurnContextReference {
    return new TurnContextReference(context.adapter as CloudAdapter, TurnContext.getConversationReference(context.activity));
  }

  async send(text: string): Promise<void> {
    await this.adapter.continueConversationAsync('', this.reference, async (ctx) => {
      await ctx.sendActivity(text);
    });
  }
}

/** Start the fake bot on a random loopback port; its endpoint is `url` (…/api/messages). */
export async function startFakeBot(): Promise<FakeBot> {
  const state: Pick<FakeBot, 'received' | 'rosterLookups'> = { received: [], rosterLookups: [] };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (context, error) => {
    state.received.push({ type: 'turnError', text: error instanceof Error ? error.message : String(error) });
    await context.sendActivity('Lỗi trong bot thử nghiệm.');
  };
  const bot = new EchoTeamsBot(state);
  const server = restify.createServer({ name: 'fake-bot' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    ...state,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
