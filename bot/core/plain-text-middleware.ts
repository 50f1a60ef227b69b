// Teams renders message text as markdown. Every outgoing text is sent as markdown escaped to show
// literally (safe-markdown.ts): a typed "[link](…)" or "**…**" stays inert, and line breaks survive
// (textFormat "plain" made Teams collapse them).
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { toSafeMarkdown } from './safe-markdown.js';

export const plainTextMiddleware: Middleware = {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_ctx, activities, send) => {
      for (const activity of activities) {
        if (activity.type === ActivityTypes.Message && typeof activity.text === 'string' && !activity.textFormat) {
          activity.text = toSafeMarkdown(activity.text);
          activity.textFormat = 'markdown';
        }
      }
      return send();
    });
    await next();
  },
};
