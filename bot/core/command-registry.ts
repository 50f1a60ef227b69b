// Every action a user can take, by verb: a Teams Action.Execute, an Action.Submit, a button on Zalo and
// a typed command all end in the same handler.
import type { CoreTurn } from './core-turn.js';
import type { NeutralCard } from '../../services/platform/reply.js';
import { foldKey } from '../../services/text/vietnamese.js';

export type CommandResult = NeutralCard | string | void;
export type CommandHandler = (turn: CoreTurn, data: Record<string, unknown>) => Promise<CommandResult>;

export interface TextCommand {
  /** Keywords as typed, with or without diacritics: "DUYỆT", "TỪ CHỐI". */
  keywords: string[];
  verb: string;
  /** Turns the rest of the line into the handler's data; return undefined when it does not fit. */
  parse(rest: string): Record<string, unknown> | undefined;
}

export class CommandRegistry {
  private readonly handlers = new Map<string, CommandHandler>();
  private readonly textCommands: { folded: string; command: TextCommand }[] = [];
  private readonly registered: TextCommand[] = [];

  register(verb: string, handler: CommandHandler): this {
    if (this.handlers.has(verb)) throw new Error(`command ${verb} registered twice`);
    this.handlers.set(verb, handler);
    return this;
  }

  registerText(command: TextCommand): this {
    this.registered.push(command);
    for (const keyword of command.keywords) this.textCommands.push({ folded: foldKey(keyword), command });
    // Longest keyword first, so "KHÔNG TÁN THÀNH" wins over "TÁN THÀNH".
    this.textCommands.sort((a, b) => b.folded.length - a.folded.length);
    return this;
  }

  /** Every typed command once, in the order features registered them: what the help lists. */
  typedCommands(): { keywords: string[]; verb: string }[] {
    const seen = new Set<TextCommand>();
    return this.registered.filter((c) => !seen.has(c) && seen.add(c)).map((c) => ({ keywords: c.keywords, verb: c.verb }));
  }

  has(verb: string): boolean {
    return this.handlers.has(verb);
  }

  get(verb: string): CommandHandler | undefined {
    return this.handlers.get(verb);
  }

  /** Matches a typed command at the start of the text; whether it counts is judged by services/intents/understanding.ts. */
  parseText(text: string): { verb: string; data: Record<string, unknown>; rest: string } | undefined {
    const trimmed = text.trim();
    const folded = foldKey(trimmed);
    for (const { folded: keyword, command } of this.textCommands) {
      if (folded === keyword || folded.startsWith(`${keyword} `)) {
        // Cut the keyword from the original text by word count, so the rest keeps its diacritics.
        const words = keyword.split(' ').length;
        const head = trimmed.match(new RegExp(`^(?:\\S+\\s*){${words}}`));
        const rest = head ? trimmed.slice(head[0].length) : '';
        const data = command.parse(rest);
        if (data) return { verb: command.verb, data, rest };
      }
    }
    return undefined;
  }
}
