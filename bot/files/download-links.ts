// The public addresses of the signed download links (plan, written decision, evaluation conclusion,
// yearly report). Built once by the composition root; the base is PUBLIC_BASE_URL, or the address the
// server listens on once it listens (a test server on port 0 learns its port only then).
import { planFilePath, type FileLinkKind, type FileLinkSigner, type PlanLinkClaims } from './file-links.js';

const PROVINCE = 1;
export const REPORT_KIND = { docx: 1, xlsx: 2 } as const;

export class DownloadLinks {
  private listening?: string;

  constructor(
    private readonly configured: string | undefined,
    private readonly port: number,
    private readonly signer: FileLinkSigner,
  ) {}

  /** The claims of a download token of this kind (the routes' check). */
  verify(kind: FileLinkKind, token: string): PlanLinkClaims | undefined {
    return this.signer.verify(kind, token);
  }

  /** Called by the HTTP server once it listens. */
  serverListening(address: string): void {
    this.listening = address;
  }

  /** PUBLIC_BASE_URL, or the address the server listens on; no trailing slash. */
  base(): string {
    return (this.configured ?? this.listening ?? `http://127.0.0.1:${this.port}`).replace(/\/+$/, '');
  }

  plan(proposalId: string, revision: number): string {
    return `${this.base()}${planFilePath(this.signer.create('plan', proposalId, revision))}`;
  }

  decision(proposalId: string, revision: number): string {
    return `${this.base()}/files/decision/${this.signer.create('decision', proposalId, revision)}`;
  }

  /** The evaluation conclusion of a proposal: a signed token with revision 0 (plan links start at 1). */
  evaluation(proposalId: string): string {
    return `${this.base()}/files/evaluation/${this.signer.create('evaluation', proposalId, 0)}`;
  }

  /** The yearly report of a unit (or the province, issued by Home Affairs): year, file kind and scope in the revision. */
  report(issuerUnitId: string, year: number, kind: keyof typeof REPORT_KIND, province: boolean): string {
    const revision = year * 100 + REPORT_KIND[kind] * 10 + (province ? PROVINCE : 0);
    return `${this.base()}/files/report/${this.signer.create('report', issuerUnitId, revision)}`;
  }
}

/** The year, kind and scope a report token's revision carries; undefined when it is not a report's. */
export function reportClaims(revision: number): { year: number; kind: keyof typeof REPORT_KIND; province: boolean } | undefined {
  const year = Math.floor(revision / 100);
  const kindCode = Math.floor((revision % 100) / 10);
  const kind = kindCode === REPORT_KIND.docx ? 'docx' : kindCode === REPORT_KIND.xlsx ? 'xlsx' : undefined;
  if (year < 2023 || year > 2100 || !kind) return undefined;
  return { year, kind, province: revision % 10 === PROVINCE };
}
