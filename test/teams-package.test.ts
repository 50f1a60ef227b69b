// The Teams app package: a zip with manifest.json valid against the manifest's JSON schema (kept in
// deployment/teams/schema), a 192×192 colour icon and a 32×32 white-on-transparent outline icon; bad
// inputs refused with a reason; the CLI command end to end.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import JSZip from 'jszip';
import {
  AppPackageError,
  buildAppPackage,
  buildManifest,
  checkIcon,
  domainOf,
  MANIFEST_VERSION,
  validateManifest,
} from '../bot/teams/app-package.js';
import { decodePng, encodePng, readPngHeader } from '../bot/teams/png.js';
import { runCliInProcess, spawnCli } from './helpers/cli.js';

const BOT_ID = '6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6b';
const root = path.resolve(__dirname, '..');

interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  version: string;
  name: { short: string };
  icons: Record<string, string>;
  developer: { privacyUrl: string };
  validDomains: string[];
  bots: { botId: string; scopes: string[] }[];
}

function schema(): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(root, 'deployment/teams/schema', `MicrosoftTeams.v${MANIFEST_VERSION}.schema.json`), 'utf8'));
}

describe('Teams app package', function () {
  this.timeout(120_000);

  it('builds a zip whose manifest validates against the schema, with both icons at the right sizes', async () => {
    const { zip } = await buildAppPackage({ botId: BOT_ID, domain: 'https://tro-ly-doi-moi.laocai.gov.vn/', version: '1.2.3' });
    const archive = await JSZip.loadAsync(zip);
    assert.deepEqual(Object.keys(archive.files).sort(), ['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(await archive.file('manifest.json')!.async('string')) as Manifest;
    // Validated here by a validator of the test's own, not only by the builder.
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri', () => true);
    const validate = ajv.compile(schema());
    assert.ok(validate(manifest), JSON.stringify(validate.errors));
    assert.equal(manifest.manifestVersion, MANIFEST_VERSION);
    assert.equal(
      manifest.$schema,
      `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    );
    assert.equal(manifest.id, BOT_ID);
    assert.equal(manifest.version, '1.2.3');
    assert.equal(manifest.bots[0].botId, BOT_ID);
    assert.deepEqual([...manifest.bots[0].scopes].sort(), ['groupChat', 'personal', 'team']);
    assert.deepEqual(manifest.validDomains, ['tro-ly-doi-moi.laocai.gov.vn']);
    assert.equal(manifest.developer.privacyUrl, 'https://tro-ly-doi-moi.laocai.gov.vn/privacy');
    assert.equal(manifest.name.short, 'Trợ lý Đổi mới');
    assert.deepEqual(manifest.icons, { color: 'color.png', outline: 'outline.png' });

    const color = await archive.file('color.png')!.async('nodebuffer');
    const outline = await archive.file('outline.png')!.async('nodebuffer');
    assert.deepEqual([readPngHeader(color).width, readPngHeader(color).height], [192, 192]);
    assert.deepEqual([readPngHeader(outline).width, readPngHeader(outline).height], [32, 32]);
    const colorImage = decodePng(color);
    for (let i = 0; i < 192 * 192; i++) assert.equal(colorImage.rgba[i * 4 + 3], 255, 'the colour icon is opaque');
    const outlineImage = decodePng(outline);
    let drawn = 0;
    let transparent = 0;
    for (let i = 0; i < 32 * 32; i++) {
      const [r, g, b, a] = outlineImage.rgba.subarray(i * 4, i * 4 + 4);
      if (a === 0) transparent++;
      else {
        drawn++;
        assert.deepEqual([r, g, b], [255, 255, 255], 'outline pixels are white');
      }
    }
    assert.ok(drawn > 100 && transparent > 100, `a symbol on a transparent background (${drawn} drawn, ${transparent} clear)`);
  });

  it('is reproducible: the same inputs give the same bytes', async () => {
    const a = await buildAppPackage({ botId: BOT_ID, domain: 'bot.example.vn' });
    const b = await buildAppPackage({ botId: BOT_ID, domain: 'bot.example.vn' });
    assert.ok(a.zip.equals(b.zip));
  });

  it('the schema catches a broken manifest', () => {
    const manifest = buildManifest({ botId: BOT_ID, domain: 'bot.example.vn' });
    assert.deepEqual(validateManifest(manifest), []);
    const broken = structuredClone(manifest) as { name: { short: string }; bots: { scopes: string[] }[]; accentColor: string };
    broken.name.short = 'Một tên ứng dụng quá dài so với giới hạn ba mươi ký tự';
    broken.bots[0].scopes = ['personal', 'everywhere'];
    broken.accentColor = 'blue';
    const problems = validateManifest(broken);
    assert.ok(
      problems.some((p) => p.startsWith('/name/short')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.startsWith('/bots/0/scopes/1')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.startsWith('/accentColor')),
      problems.join('\n'),
    );
  });

  it('refuses a bot id that is not a GUID and a domain that is not a host name', async () => {
    await assert.rejects(
      buildAppPackage({ botId: 'not-a-guid', domain: 'bot.example.vn' }),
      (e: unknown) => e instanceof AppPackageError && e.kind === 'bot_id',
    );
    await assert.rejects(
      buildAppPackage({ botId: BOT_ID, domain: 'bot example' }),
      (e: unknown) => e instanceof AppPackageError && e.kind === 'domain',
    );
    assert.equal(domainOf('HTTPS://Bot.Example.VN:443/api/messages'), 'bot.example.vn');
  });

  it('checks icons someone supplies: size, and white on transparent for the outline', async () => {
    const square = (size: number, rgba: [number, number, number, number], inner?: [number, number, number, number]) => {
      const buf = Buffer.alloc(size * size * 4);
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const px = inner && x > size / 4 && x < (3 * size) / 4 && y > size / 4 && y < (3 * size) / 4 ? inner : rgba;
          buf.set(px, (y * size + x) * 4);
        }
      }
      return encodePng({ width: size, height: size, rgba: buf });
    };
    assert.match(checkIcon('color', square(96, [0, 0, 255, 255]))!, /192×192/);
    assert.equal(checkIcon('color', square(192, [0, 0, 255, 255])), undefined);
    assert.match(checkIcon('outline', square(32, [0, 0, 0, 0], [0, 0, 0, 255]))!, /màu trắng/);
    assert.match(checkIcon('outline', square(32, [255, 255, 255, 255]))!, /trong suốt/);
    assert.equal(checkIcon('outline', square(32, [0, 0, 0, 0], [255, 255, 255, 255])), undefined);
    assert.match(checkIcon('outline', Buffer.from('not a png'))!, /không phải tệp PNG/);
    await assert.rejects(
      buildAppPackage({ botId: BOT_ID, domain: 'bot.example.vn', outlineIcon: square(32, [0, 0, 0, 0], [200, 0, 0, 255]) }),
      (e: unknown) => e instanceof AppPackageError && e.kind === 'icon',
    );
  });

  describe('CLI', function () {
    let tmp: string;
    before(async () => {
      tmp = await mkdtemp(path.join(tmpdir(), 'tld-teams-'));
    });
    after(async () => rm(tmp, { recursive: true, force: true }));

    const cliEnv = (env: Record<string, string> = {}) => ({ ...process.env, LOG_LEVEL: 'silent', ...env });
    const runCli = (args: string[], env: Record<string, string> = {}) => runCliInProcess(args, cliEnv(env));

    it('`teams-package --bot-id … --out app.zip` writes the package; PUBLIC_BASE_URL gives the domain', async () => {
      const out = path.join(tmp, 'app.zip');
      const { code, stdout, stderr } = await spawnCli(
        ['teams-package', '--bot-id', BOT_ID, '--out', out],
        cliEnv({ PUBLIC_BASE_URL: 'https://bot.laocai.gov.vn' }),
      );
      assert.equal(code, 0, stderr);
      assert.match(stdout, /Đã tạo gói ứng dụng Teams/);
      const manifest = JSON.parse(await (await JSZip.loadAsync(await readFile(out))).file('manifest.json')!.async('string'));
      assert.deepEqual(manifest.validDomains, ['bot.laocai.gov.vn']);
      assert.deepEqual(validateManifest(manifest), []);
    });

    it('a wrong bot id or icon exits non-zero with a Vietnamese reason and writes nothing', async () => {
      const out = path.join(tmp, 'bad.zip');
      const bad = await runCli(['teams-package', '--bot-id', '12345', '--domain', 'bot.laocai.gov.vn', '--out', out]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /phải là Microsoft App ID dạng GUID/);
      const icon = path.join(tmp, 'small.png');
      await writeFile(icon, encodePng({ width: 16, height: 16, rgba: Buffer.alloc(16 * 16 * 4, 255) }));
      const badIcon = await runCli([
        'teams-package',
        '--bot-id',
        BOT_ID,
        '--domain',
        'bot.laocai.gov.vn',
        '--out',
        out,
        '--color-icon',
        icon,
      ]);
      assert.equal(badIcon.code, 2);
      assert.match(badIcon.stderr, /Biểu tượng màu \(--color-icon\) không hợp lệ: cần 192×192/);
      await assert.rejects(readFile(out));
    });
  });
});
