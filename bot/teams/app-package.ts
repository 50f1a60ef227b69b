// The Teams app package: manifest.json from deployment/teams/manifest.template.json, validated against
// the manifest's JSON schema kept in deployment/teams/schema/, plus the colour (192×192) and outline
// (32×32, white on transparent) icons, zipped flat as Teams expects.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import JSZip from 'jszip';
import { ACCENT_COLOR, colorIconPng, outlineIconPng } from './icons.js';
import { decodePng, PngError, readPngHeader } from './png.js';

export const MANIFEST_VERSION = '1.30';

const here = __dirname;
/** deployment/teams, found from this file (bot/teams/) in the source tree and in dist/bot/teams/. */
export function teamsAssetsDir(): string {
  for (const candidate of [path.resolve(here, '../../deployment/teams'), path.resolve(here, '../../../deployment/teams')]) {
    try {
      readFileSync(path.join(candidate, 'manifest.template.json'));
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('deployment/teams/manifest.template.json not found');
}

export class AppPackageError extends Error {
  constructor(
    readonly kind: 'bot_id' | 'domain' | 'icon' | 'manifest' | 'option',
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = 'AppPackageError';
  }
}

export interface AppPackageOptions {
  /** The Microsoft App ID of the Azure Bot registration. */
  botId: string;
  /** The Teams app id (a GUID); defaults to the bot id. */
  appId?: string;
  /** Host name of the bot's public endpoint, e.g. `tro-ly-doi-moi.laocai.gov.vn`. */
  domain: string;
  /** App version (semver); raise it for every upload of a changed package. */
  version?: string;
  developerName?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsOfUseUrl?: string;
  accentColor?: string;
  /** PNG files replacing the drawn icons. */
  colorIcon?: Buffer;
  outlineIcon?: Buffer;
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Accepts `host`, `https://host/` or `https://host/path`; returns the host name. */
export function domainOf(value: string): string {
  const trimmed = value.trim();
  let host = trimmed;
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      host = new URL(trimmed).hostname;
    } catch {
      host = '';
    }
  }
  if (!HOST.test(host)) throw new AppPackageError('domain', `invalid domain: ${value}`);
  return host.toLowerCase();
}

function substitute(node: unknown, values: Record<string, string>): unknown {
  if (typeof node === 'string') {
    return node.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
      if (!(name in values)) throw new AppPackageError('option', `manifest template uses an unknown placeholder {{${name}}}`);
      return values[name];
    });
  }
  if (Array.isArray(node)) return node.map((item) => substitute(item, values));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, substitute(v, values)]));
  }
  return node;
}

export function buildManifest(options: AppPackageOptions): Record<string, unknown> {
  if (!GUID.test(options.botId)) throw new AppPackageError('bot_id', 'bot id must be a GUID');
  if (options.appId !== undefined && !GUID.test(options.appId)) throw new AppPackageError('bot_id', 'app id must be a GUID');
  const domain = domainOf(options.domain);
  const base = `https://${domain}`;
  const template = JSON.parse(readFileSync(path.join(teamsAssetsDir(), 'manifest.template.json'), 'utf8')) as unknown;
  return substitute(template, {
    manifestVersion: MANIFEST_VERSION,
    version: options.version ?? '1.0.0',
    appId: (options.appId ?? options.botId).toLowerCase(),
    botId: options.botId.toLowerCase(),
    domain,
    developerName: options.developerName ?? 'UBND tỉnh Lào Cai',
    websiteUrl: options.websiteUrl ?? `${base}/`,
    privacyUrl: options.privacyUrl ?? `${base}/privacy`,
    termsOfUseUrl: options.termsOfUseUrl ?? `${base}/terms`,
    accentColor: options.accentColor ?? ACCENT_COLOR,
  }) as Record<string, unknown>;
}

let validator:
  (((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params?: unknown }[] | null }) | undefined;

function manifestValidator() {
  if (!validator) {
    const schema = JSON.parse(
      readFileSync(path.join(teamsAssetsDir(), 'schema', `MicrosoftTeams.v${MANIFEST_VERSION}.schema.json`), 'utf8'),
    );
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri', (value: string) => {
      try {
        new URL(value);
        return true;
      } catch {
        return false;
      }
    });
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Problems found by the JSON schema (empty when valid), as `path: message`. */
export function validateManifest(manifest: unknown): string[] {
  const validate = manifestValidator();
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
  );
}

/** Size and kind of an icon; the outline icon must be white (any alpha) on transparent. */
export function checkIcon(which: 'color' | 'outline', png: Buffer): string | undefined {
  const expected = which === 'color' ? 192 : 32;
  let header;
  try {
    header = readPngHeader(png);
  } catch (err) {
    return err instanceof PngError ? err.message : 'không đọc được';
  }
  if (header.width !== expected || header.height !== expected) {
    return `cần ${expected}×${expected} điểm ảnh, tệp có ${header.width}×${header.height}`;
  }
  if (which === 'outline') {
    let image;
    try {
      image = decodePng(png);
    } catch (err) {
      return err instanceof PngError ? err.message : 'không đọc được';
    }
    let opaque = 0;
    for (let i = 0; i < image.width * image.height; i++) {
      const [r, g, b, a] = image.rgba.subarray(i * 4, i * 4 + 4);
      if (a === 0) continue;
      opaque++;
      if (r < 250 || g < 250 || b < 250) return 'biểu tượng viền phải màu trắng trên nền trong suốt';
    }
    if (opaque === 0) return 'biểu tượng viền trống (toàn trong suốt)';
    if (opaque === image.width * image.height) return 'biểu tượng viền phải có nền trong suốt';
  }
  return undefined;
}

export interface AppPackage {
  manifest: Record<string, unknown>;
  zip: Buffer;
}

export async function buildAppPackage(options: AppPackageOptions): Promise<AppPackage> {
  const manifest = buildManifest(options);
  const problems = validateManifest(manifest);
  if (problems.length > 0) throw new AppPackageError('manifest', 'manifest does not validate', problems);
  const color = options.colorIcon ?? colorIconPng(options.accentColor);
  const outline = options.outlineIcon ?? outlineIconPng();
  for (const [which, png] of [
    ['color', color],
    ['outline', outline],
  ] as const) {
    const problem = checkIcon(which, png);
    if (problem) throw new AppPackageError('icon', `${which}: ${problem}`, [which, problem]);
  }
  const zip = new JSZip();
  // A fixed date keeps the archive byte-for-byte reproducible for the same inputs.
  const date = new Date('2026-01-01T00:00:00Z');
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  zip.file('color.png', color, { date });
  zip.file('outline.png', outline, { date });
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  return { manifest, zip: buffer };
}
