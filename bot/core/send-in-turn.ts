// Sends one activity inside a proactive turn and rethrows what the channel refused. An adapter hands an
// error thrown inside a turn to its onTurnError handler (which swallows it), so the error is caught in
// the turn and rethrown here: a message a channel refused must never be marked sent.
import type { TurnContext } from 'botbuilder';

export async function sendInTurn(
  start: (logic: (context: TurnContext) => Promise<void>) => Promise<void>,
  activity: Record<string, unknown>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  await start(async (context) => {
    try {
      await context.sendActivity(activity);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}
