// `/click`: a button of the card on screen (or, named, of an earlier card) pressed as Teams presses it:
// Action.Execute as an `adaptiveCard/action` invoke, Action.Submit as a message (or `task/submit` in a
// dialog, or the messageBack, imBack or task/fetch its `msteams` property asks for).
import { adaptiveCardActionActivity, invokeActivity, messageActivity, submitActivity } from './activity-factory.js';
import { pressBotFrameworkButton } from './bot-framework-buttons.js';
import { findAction, gatherInputs } from './card-interaction.js';
import type { CardActionModel } from './card-model.js';
import type { ChatContext, CurrentView } from './chat-context.js';
import { showInvokeResponse, showTaskResponse } from './chat-rendering.js';
import { chatTexts as t } from './chat-texts.js';
import { isObject, parseMaybeJson } from './json-values.js';

export async function click(chat: ChatContext, query: string): Promise<void> {
  let current = chat.current;
  if (!current) {
    chat.print(t.noCard);
    return;
  }
  let action = findAction(current.view.actions, query);
  // A button named (not numbered) that the latest card lacks: the newest earlier card that has it.
  if (!action && !/^\d+$/.test(query)) {
    for (const earlier of [...chat.seen].reverse()) {
      const found = findAction(earlier.view.actions, query);
      if (found) {
        current = earlier;
        action = found;
        chat.print(t.clickEarlierCard(found.title));
        break;
      }
    }
  }
  if (!action) {
    chat.print(t.noSuchAction(query, current.view.actions.length));
    return;
  }
  if (!action.isEnabled) {
    chat.print(t.actionDisabled(action.title));
    return;
  }
  if (chat.interactive) chat.print(t.youClicked(action.title));
  else chat.print(`  → ${t.youClicked(action.title)}`);
  switch (action.kind) {
    case 'openUrl':
      chat.print(t.openUrl(action.url ?? ''));
      return;
    case 'showCard':
      chat.print(t.showCardHint(action.title));
      return;
    case 'execute':
    case 'submit':
      await pressCardAction(chat, action, current);
      return;
    case 'cardAction':
      await pressBotFrameworkButton(chat, action, current);
      return;
  }
}

async function pressCardAction(chat: ChatContext, action: CardActionModel, current: CurrentView): Promise<void> {
  const gathered = gatherInputs(action, current.view.inputs, current.values);
  if (gathered.missing.length) {
    chat.print(
      t.missingRequired(
        gathered.missing.map((i) => i.label ?? i.placeholder ?? i.id),
        action.title,
      ),
    );
    for (const input of gathered.missing) if (input.errorMessage) chat.print(`  ${input.errorMessage}`);
    return;
  }
  const session = chat.requireSession();
  const hasInputs = Object.keys(gathered.values).length > 0;
  const merge = (data: unknown): unknown =>
    isObject(data) || data === undefined || data === null
      ? { ...(isObject(data) ? data : {}), ...gathered.values }
      : hasInputs
        ? { ...gathered.values }
        : data;

  if (action.kind === 'execute') {
    const activity = adaptiveCardActionActivity(
      session,
      { verb: action.verb, data: merge(action.data), id: action.actionId },
      { replyToId: current.activityId },
    );
    const result = await chat.send(activity);
    if (result) showInvokeResponse(chat, result.body, current.activityId);
    return;
  }

  // Action.Submit, as Teams sends it.
  const data = action.data;
  const msteams = isObject(data) && isObject(data.msteams) ? data.msteams : undefined;
  if (current.dialog) {
    const result = await chat.send(
      invokeActivity(session, 'task/submit', { data: merge(data), context: { theme: 'default' } }, { replyToId: current.activityId }),
    );
    if (result) showTaskResponse(chat, result.body);
    return;
  }
  if (msteams) {
    const type = typeof msteams.type === 'string' ? msteams.type : '';
    if (type === 'messageBack') {
      const value = parseMaybeJson(msteams.value);
      if (typeof msteams.displayText === 'string') chat.print(`${t.you}: ${msteams.displayText}`);
      await chat.send(
        submitActivity(
          session,
          isObject(value) || value === undefined ? { ...(isObject(value) ? value : {}), ...gathered.values } : value,
          {
            replyToId: current.activityId,
            text: typeof msteams.text === 'string' ? msteams.text : undefined,
          },
        ),
      );
      return;
    }
    if (type === 'imBack') {
      await chat.send(messageActivity(session, String(msteams.value ?? '')));
      return;
    }
    if (type === 'task/fetch' || (isObject(msteams.value) && msteams.value.type === 'task/fetch')) {
      const result = await chat.send(
        invokeActivity(
          session,
          'task/fetch',
          { type: 'task/fetch', data: merge(data), context: { theme: 'default' } },
          {
            replyToId: current.activityId,
          },
        ),
      );
      if (result) showTaskResponse(chat, result.body);
      return;
    }
    if (type === 'signin' && typeof msteams.value === 'string') {
      chat.print(t.openUrl(msteams.value));
      return;
    }
  }
  await chat.send(submitActivity(session, merge(data), { replyToId: current.activityId }));
}
