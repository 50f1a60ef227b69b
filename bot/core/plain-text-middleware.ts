// Teams renders message text as markdown. Our catalogue uses none, and many messages quote what a user
// typed: marking every outgoing text as plain keeps a typed "[link](…)" or "**…**" inert.
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';

export const plainTextMiddleware: Middleware = {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_ctx, activities, send) => {
      for (const activity of activities) {
        if (activity.type === ActivityTypes.Message && typeof activity.text === 'string' && !activity.textFormat) {
          activity.textFormat = 'plain';
        }
      }
      return send();
    });
    await next();
  },
};
