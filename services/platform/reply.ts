// The channel-neutral reply: what the bot says, independent of Teams, Zalo or the web.
// A channel renders a card as an Adaptive Card (Teams, web) or as text plus typed commands (Zalo).

export interface CardAction {
  title: string;
  /** Route of the action: the same verb handles a Teams Action.Execute and a typed command. */
  verb: string;
  data?: Record<string, unknown>;
  /** The text command that does the same on a text channel, e.g. "DUYỆT ĐX-2026-0001". */
  command?: string;
  style?: 'positive' | 'destructive';
  /**
   * Actions of one group sit behind one button on card channels (Teams shows few actions and hides the
   * rest behind "…"); text channels list every command anyway.
   */
  group?: string;
}

/** The actions of one card, which share a payload: `const a = actionsWith(data); a(title, verb, command)`. */
export function actionsWith(data: Record<string, unknown> | undefined) {
  return (title: string, verb: string, command: string, style?: CardAction['style']): CardAction => ({
    title,
    verb,
    data,
    command,
    ...(style ? { style } : {}),
  });
}

export interface CardLink {
  title: string;
  url: string;
}

export interface CardFact {
  label: string;
  value: string;
}

export interface CardSection {
  heading: string;
  text: string;
}

export interface NeutralCard {
  title: string;
  subtitle?: string;
  /** Paragraphs written by the bot (catalogue texts). */
  body?: string[];
  facts?: CardFact[];
  /** Sections whose text may come from users: always shown as plain text. */
  sections?: CardSection[];
  actions?: CardAction[];
  /** Documents to open (a signed download link): a link button on card channels, "title: url" on text ones. */
  links?: CardLink[];
  /** On a text channel, when the sections had to be shortened: how to see them in full ("xem lại phần b"). */
  more?: string;
  /**
   * What happened, in one line ("Đã ghi phiếu tán thành."). A card Teams refreshes in place would be a whole
   * new message on a text channel: there, only this line (and the commands) is sent.
   */
  status?: string;
  /** A richer Adaptive Card for channels that render them (forms); text channels use the parts above. */
  adaptiveCard?: Record<string, unknown>;
}

export interface FileReply {
  name: string;
  contentType: string;
  /** Absolute URL where the file can be downloaded (a signed link of ours). */
  url: string;
  /** Known size: lets a Teams personal chat offer the file itself (file consent), not only the link. */
  sizeInBytes?: number;
}

export interface BotReply {
  text?: string;
  card?: NeutralCard;
  file?: FileReply;
  /** Texts offered as one-tap replies with a plain text (Zalo OA query buttons, Teams and web suggested actions). */
  quickReplies?: string[];
}

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
