// `npm run cli -- <command>`: administration commands. Each area registers its commands from bot/cli/.
import { Command } from 'commander';
import { registerCliCommands } from './cli/index.js';

const program = new Command();
program.name('npm run cli --').description('Trợ lý Đổi mới: lệnh quản trị (danh bạ, cơ sở tri thức, báo cáo, ...)').showHelpAfterError();
registerCliCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
