// The terminal chat's slash commands: /quit, /help, /json, /card, /set, /click, /file.
import { describeInputValue, findInput, parseInputValue } from './card-interaction.js';
import { click } from './card-clicks.js';
import type { ChatContext } from './chat-context.js';
import { sendFile } from './chat-files.js';
import { reshow } from './chat-rendering.js';
import { chatTexts as t } from './chat-texts.js';

/** Run one command line (starting with `/`). Returns false when the user asked to quit. */
export async function runCommand(chat: ChatContext, line: string): Promise<boolean> {
  const [command, ...rest] = line.split(/\s+/);
  const argument = line.slice(command.length).trim();
  switch (command.toLowerCase()) {
    case '/quit':
    case '/exit':
    case '/thoat':
    case '/thoát':
      return false;
    case '/help':
    case '/?':
      chat.print(t.help);
      return true;
    case '/json':
      chat.print(chat.lastReceived ? JSON.stringify(chat.lastReceived, null, 2) : t.noCard);
      return true;
    case '/card':
      if (!chat.current) chat.print(t.noCard);
      else reshow(chat);
      return true;
    case '/set':
      setInput(chat, rest, argument);
      return true;
    case '/click':
      if (!argument) chat.print(t.clickUsage);
      else await click(chat, argument);
      return true;
    case '/file':
      if (!argument) chat.print(t.fileUsage);
      else await sendFile(chat, argument);
      return true;
    default:
      chat.print(t.unknownCommand(command));
      return true;
  }
}

/** `/set <input> <value>`: a value for one input of the card on screen, checked as the card would. */
function setInput(chat: ChatContext, parts: string[], argument: string): void {
  if (!chat.current) {
    chat.print(t.noCard);
    return;
  }
  const key = parts[0];
  if (!key) {
    chat.print(t.setUsage);
    return;
  }
  const input = findInput(chat.current.view.inputs, key);
  if (!input) {
    chat.print(
      t.noSuchInput(
        key,
        chat.current.view.inputs.map((i) => i.id),
      ),
    );
    return;
  }
  const raw = argument.slice(key.length).trim();
  const parsed = parseInputValue(input, raw);
  if (!parsed.ok) {
    chat.print(parsed.error);
    return;
  }
  const name = input.label ?? input.placeholder ?? input.id;
  chat.current.values.set(input.id, parsed.value);
  if (parsed.value === '') chat.print(t.inputCleared(name));
  else chat.print(t.inputSet(name, describeInputValue(input, parsed.value)));
}
