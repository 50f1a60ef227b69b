// One person at the Playground's web page: types in the compose box, clicks card buttons, reads the chat
// as shown and the Playground's log panel. The bot's messages are also read from the page's own
// conversation stream (a websocket of the Playground), e.g. to answer a card the Playground cannot render.
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface StreamedMessage {
  id: string;
  conversationId: string;
  text?: string;
  attachments: { contentType: string; name?: string; content?: Record<string, unknown> }[];
}

/**
 * Log panel lines that are a fault of the bot: an attachment the client cannot show, a message it cannot
 * read, a card it cannot parse, a failed HTTP exchange between bot and Playground.
 */
const PROBLEM = [
  /unknown attachment type/i,
  /Invalid message/i,
  /not supported yet/i,
  /Unknown action type/i,
  /Failed to parse/i,
  /\berror\b/i,
  // an exchange answered 4xx/5xx: "… -> User Application invoke 500"
  / [A-Za-z/]+ [45]\d\d\b/,
];

/**
 * What the Playground itself does not implement, though Teams does (its log says "not supported yet in
 * Microsoft 365 Agents playground" / "unknown attachment type"): the file-consent card and the file-info card
 * of the Teams file flow, per-user card refresh (`refresh.userIds`, "User specific view") and deleting a
 * message. The test checks the file flow by its payload instead.
 */
const PLAYGROUND_LIMITS: RegExp[] = [
  /File Consent Card is not supported yet/,
  /application\/vnd\.microsoft\.teams\.card\.file\.info is an unknown attachment type/,
  /User specific view is not supported yet/,
  // 501 Not Implemented is the Playground's answer to deleting an activity (the bot takes away an answered
  // file-consent card; Teams implements it).
  / -> Microsoft 365 Agents Playground message 501$/,
];

export class PlaygroundPage {
  readonly messages: StreamedMessage[] = [];
  readonly consoleErrors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly url: string,
  ) {}

  static async open(browser: Browser, url: string): Promise<PlaygroundPage> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    const p = new PlaygroundPage(context, page, url);
    // Offline: the page's fonts and animations come from a CDN; nothing outside loopback is fetched.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => route.abort());
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      // The aborted CDN requests above.
      if (/Failed to load resource: net::ERR_FAILED|worklet module script/.test(text)) return;
      p.consoleErrors.push(text);
    });
    page.on('pageerror', (err) => p.consoleErrors.push(`pageerror: ${err.message}`));
    page.on('websocket', (ws) => {
      if (!ws.url().includes('/_ws_conversation/')) return;
      ws.on('framereceived', (frame) => {
        try {
          const data = JSON.parse(String(frame.payload)) as {
            action?: string;
            actionConversationId?: string;
            message?: Record<string, unknown>;
          };
          if (data.action !== 'createMessage' || !data.message) return;
          const m = data.message;
          p.messages.push({
            id: String(m.messageId),
            conversationId: String(data.actionConversationId),
            text: typeof m.text === 'string' ? m.text : undefined,
            attachments: (m.attachments as StreamedMessage['attachments'] | undefined) ?? [],
          });
        } catch {
          // not JSON
        }
      });
    });
    await page.goto(url);
    return p;
  }

  /** The log panel's lines as shown. */
  async logLines(): Promise<string[]> {
    return this.page.locator('[contenteditable="true"][spellcheck="false"] > div').allInnerTexts();
  }

  /** Log panel lines that show a fault (minus the Playground's own documented limits), and console errors. */
  async problems(): Promise<string[]> {
    const lines = (await this.logLines()).map((l) => l.replace(/\s+/g, ' '));
    const bad = lines.filter((l) => PROBLEM.some((re) => re.test(l)) && !PLAYGROUND_LIMITS.some((re) => re.test(l)));
    return [...bad, ...this.consoleErrors.map((e) => `console: ${e}`)];
  }

  /** The chat as shown, one text per message (not the log panel). */
  async chatMessages(): Promise<string[]> {
    return this.page.evaluate(() => {
      const headers = Array.from(document.querySelectorAll('[aria-label="Message header"]'));
      if (headers.length === 0) return [];
      // The message list is the nearest element holding the first and the last message; its children
      // that carry a message header are the messages.
      let list: Element | null = headers[0]!;
      while (list && (headers.length < 2 || !list.contains(headers[headers.length - 1]!))) {
        if (headers.length < 2 && list.parentElement?.querySelector('[data-lexical-editor]')) break;
        list = list.parentElement;
      }
      if (!list) return [];
      if (headers.length < 2) return [(list as HTMLElement).innerText];
      return Array.from(list.children)
        .filter((c) => c.querySelector('[aria-label="Message header"]'))
        .map((c) => (c as HTMLElement).innerText);
    });
  }

  async messageCount(): Promise<number> {
    return (await this.chatMessages()).length;
  }

  /** Waits until the messages from index `from` on, as shown, match `expected`. */
  async waitForChat(expected: RegExp, from = 0, timeout = 60_000): Promise<void> {
    const deadline = Date.now() + timeout;
    let shown: string[] = [];
    for (;;) {
      shown = (await this.chatMessages()).slice(from);
      if (expected.test(shown.join('\n'))) return;
      if (Date.now() > deadline) {
        throw new Error(
          `the Playground chat did not show ${expected} from message ${from}; it ends with:\n${shown.join('\n').slice(-1500)}`,
        );
      }
      await this.page.waitForTimeout(150);
    }
  }

  /** Types a message in the compose box, sends it with Enter and waits for the bot's answer. */
  async say(text: string, expected: RegExp): Promise<void> {
    const from = await this.messageCount();
    const box = this.page.locator('[data-lexical-editor="true"]');
    await box.click();
    await box.fill(text);
    await box.press('Enter');
    // From the message count before sending: the Playground may show the bot's answer above the person's
    // own message (it adds that once its POST to the bot returns, after the turn has answered).
    await this.waitForChat(expected, from);
  }

  /** Clicks the last card button with this name. */
  async click(name: string | RegExp): Promise<void> {
    const button = this.page.getByRole('button', { name, exact: typeof name === 'string' }).last();
    await button.waitFor({ timeout: 60_000 });
    await button.click();
  }

  /** The last streamed message that has an attachment of this content type. */
  lastWithAttachment(contentType: string): StreamedMessage | undefined {
    return [...this.messages].reverse().find((m) => m.attachments.some((a) => a.contentType === contentType));
  }
}
