// One line per area; each module adds its subcommands to the program.
import type { Command } from 'commander';
import { registerDirectoryCommands } from './directory-commands.js';
import { registerKnowledgeCommands } from './kb-commands.js';

export function registerCliCommands(program: Command): void {
  void program;
  registerDirectoryCommands(program);
  registerKnowledgeCommands(program);
}
