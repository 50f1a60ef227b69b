// One line per area; each module adds its subcommands to the program.
import type { Command } from 'commander';
import { registerReportCommands } from './report-commands.js';
import { registerZaloCommands } from './zalo-commands.js';
import { registerDirectoryCommands } from './directory-commands.js';
import { registerKnowledgeCommands } from './kb-commands.js';
import { registerDbCommands } from './db-commands.js';
import { registerPrivacyCommands } from './privacy-commands.js';
import { registerTeamsPackageCommand } from './teams-package-command.js';
import { registerDecisionCommands } from './decision-commands.js';
import { registerWebCommands } from './web-commands.js';

export function registerCliCommands(program: Command): void {
  void program;
  registerDirectoryCommands(program);
  registerKnowledgeCommands(program);
  registerDbCommands(program);
  registerPrivacyCommands(program);
  registerTeamsPackageCommand(program);
  registerDecisionCommands(program);
  registerZaloCommands(program);
  registerReportCommands(program);
  registerWebCommands(program);
}
