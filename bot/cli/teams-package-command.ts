// `npm run cli -- teams-package --bot-id <guid> --out app.zip [--domain host]`: builds the Teams app
// package (manifest validated against its JSON schema, colour and outline icons) to upload in the
// Teams admin center.
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { operations as text } from '../../services/platform/messages/operations.js';
import { AppPackageError, buildAppPackage, MANIFEST_VERSION } from '../teams/app-package.js';

interface TeamsPackageOptions {
  botId?: string;
  appId?: string;
  domain?: string;
  out: string;
  appVersion: string;
  developerName?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsUrl?: string;
  colorIcon?: string;
  outlineIcon?: string;
}

export function registerTeamsPackageCommand(program: Command): void {
  program
    .command('teams-package')
    .description('Tạo gói ứng dụng Teams (manifest.json + biểu tượng) để tải lên Teams admin center')
    .option('--bot-id <guid>', 'Microsoft App ID của bot (mặc định: MICROSOFT_APP_ID)')
    .option('--app-id <guid>', 'mã ứng dụng Teams (mặc định: bằng mã bot)')
    .option('--domain <host>', 'tên miền công khai của bot (mặc định: lấy từ PUBLIC_BASE_URL)')
    .option('--out <file>', 'tệp zip đầu ra', 'tro-ly-doi-moi-teams.zip')
    .option('--app-version <semver>', 'phiên bản ứng dụng; tăng mỗi lần tải lên bản thay đổi', '1.0.0')
    .option('--developer-name <name>', 'tên cơ quan phát triển (tối đa 32 ký tự)')
    .option('--website-url <url>', 'trang giới thiệu, hỗ trợ')
    .option('--privacy-url <url>', 'trang chính sách bảo vệ dữ liệu cá nhân')
    .option('--terms-url <url>', 'trang điều khoản sử dụng')
    .option('--color-icon <png>', 'biểu tượng màu 192×192 thay cho biểu tượng có sẵn')
    .option('--outline-icon <png>', 'biểu tượng viền 32×32 (trắng trên nền trong suốt)')
    .action(async (opts: TeamsPackageOptions) => {
      const botId = opts.botId ?? process.env.MICROSOFT_APP_ID;
      const domain = opts.domain ?? process.env.PUBLIC_BASE_URL;
      if (!botId) {
        console.error(text.teams.invalidBotId);
        process.exitCode = 2;
        return;
      }
      if (!domain) {
        console.error(text.teams.invalidDomain('(trống): dùng --domain hoặc đặt PUBLIC_BASE_URL'));
        process.exitCode = 2;
        return;
      }
      try {
        const pkg = await buildAppPackage({
          botId,
          appId: opts.appId,
          domain,
          version: opts.appVersion,
          developerName: opts.developerName,
          websiteUrl: opts.websiteUrl,
          privacyUrl: opts.privacyUrl,
          termsOfUseUrl: opts.termsUrl,
          colorIcon: opts.colorIcon ? await readFile(opts.colorIcon) : undefined,
          outlineIcon: opts.outlineIcon ? await readFile(opts.outlineIcon) : undefined,
        });
        await writeFile(opts.out, pkg.zip);
        console.log(text.teams.built(opts.out, MANIFEST_VERSION));
      } catch (err) {
        if (!(err instanceof AppPackageError)) throw err;
        process.exitCode = 2;
        switch (err.kind) {
          case 'bot_id':
            console.error(text.teams.invalidBotId);
            break;
          case 'domain':
            console.error(text.teams.invalidDomain(domain));
            break;
          case 'icon':
            console.error(
              text.teams.invalidIcon(err.problems[0] === 'color' ? 'màu (--color-icon)' : 'viền (--outline-icon)', err.problems[1]),
            );
            break;
          default:
            console.error(text.teams.invalidManifest(err.problems.length > 0 ? err.problems : [err.message]));
        }
      }
    });
}
