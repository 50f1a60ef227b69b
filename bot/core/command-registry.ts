// Every action a user can take, by verb: a Teams Action.Execute, an Action.Submit, a button on Zalo and
// a typed command all end in the same handler.
import type { CoreTurn } from './core-turn.js';
import type { NeutralCard } from '../../services/platform/reply.js';
import { foldKey } from '../../services/text/vietnamese.js';
import { logger } from '../../services/platform/logger.js';

export type CommandResult = NeutralCard | string | void;
export type CommandHandler = (turn: CoreTurn, data: Record<string, unknown>) => Promise<CommandResult>;

/**
 * Who may run a verb; every verb declares it, so that no verb can forget the check.
 * - 'proposal': the data names a proposal (proposalId or code); only those who may see it run the verb.
 * - 'own': the verb only touches the caller's own things or public texts (menu, my list, the law).
 * - a role check: returns the refusal to show, or undefined when the caller may run the verb.
 */
export type CommandAccess = 'proposal' | 'own' | ((turn: CoreTurn) => Promise<string | undefined>);

/** Answers whether an officer may see a proposal, and finds a proposal by its code. */
export interface ProposalGate {
  proposalIdOf(data: Record<string, unknown>): Promise<string | null>;
  canRead(turn: CoreTurn, proposalId: string): Promise<boolean>;
  /** Records a refused attempt (audit log). */
  refused(turn: CoreTurn, proposalId: string, verb: string): Promise<void>;
  /** What a refused officer is told. */
  refusal: string;
}

export interface TextCommand {
  /** Keywords as typed, with or without diacritics: "DUYỆT", "TỪ CHỐI". */
  keywords: string[];
  verb: string;
  /** Turns the rest of the line into the handler's data; return undefined when it does not fit. */
  parse(rest: string): Record<string, unknown> | undefined;
}

export class CommandRegistry {
  private readonly handlers = new Map<string, CommandHandler>();
  private readonly access = new Map<string, CommandAccess>();
  private readonly textCommands: { folded: string; command: TextCommand }[] = [];
  private readonly registered: TextCommand[] = [];

  constructor(private readonly gate?: ProposalGate) {}

  /** Registers a verb with who may run it; the check runs before the handler, on every channel. */
  register(verb: string, handler: CommandHandler, access: CommandAccess): this {
    if (this.handlers.has(verb)) throw new Error(`command ${verb} registered twice`);
    this.access.set(verb, access);
    this.handlers.set(verb, this.guarded(verb, handler, access));
    return this;
  }

  /** Every registered verb with its access rule (the test that walks every verb as a stranger uses it). */
  verbs(): { verb: string; access: CommandAccess }[] {
    return [...this.access.entries()].map(([verb, access]) => ({ verb, access }));
  }

  private guarded(verb: string, handler: CommandHandler, access: CommandAccess): CommandHandler {
    if (access === 'own') return handler;
    if (access === 'proposal') {
      const gate = this.gate;
      if (!gate) return handler;
      return async (turn, data) => {
        const proposalId = await gate.proposalIdOf(data);
        // No such proposal: the handler gives its own "not found".
        if (proposalId && !(await gate.canRead(turn, proposalId))) {
          logger.info({ verb }, 'card verb refused: the officer may not see this proposal');
          await gate.refused(turn, proposalId, verb);
          return { title: gate.refusal };
        }
        return handler(turn, data);
      };
    }
    return async (turn, data) => {
      const refusal = await access(turn);
      if (refusal !== undefined) {
        logger.info({ verb }, 'card verb refused: role');
        return { title: refusal };
      }
      return handler(turn, data);
    };
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
