// Template messages (ZBS, formerly ZNS), the route past the 7-day consultation window:
//  - by Zalo user id: the OA API's `message/template` {user_id, template_id, template_data};
//  - by the directory's phone number: the business API's `message/template`
//    {phone: "84…", template_id, template_data, tracking_id}.
// Both are authorised by the OA access token (refreshed once on -216/-220). The template and how its
// parameters are filled come from ZALO_TEMPLATES, per notification kind.
import type { DataSource } from 'typeorm';
import { formatDateVN, todayVN } from '../calendar/local-date.js';
import type { ZaloOaClient } from './zalo-oa-client.js';
import type { ZaloSendResult } from './zalo-send-result.js';
import { templateFor, zaloPhone, type TemplateSource, type ZaloTemplate, type ZaloTemplates } from './zalo-template-config.js';
import { queryRows } from './zalo-sql.js';

/** What a template is filled from: one row of the Zalo outbox. */
export interface TemplateRow {
  id: string;
  recipient_id: string;
  officer_id: string | null;
  text: string;
  notice_kind: string | null;
  notice_id: string | null;
}

export class ZaloTemplateSender {
  constructor(
    private readonly dataSource: DataSource,
    private readonly oa: ZaloOaClient,
    private readonly businessApiBaseUrl: string,
    private readonly templates: ZaloTemplates,
  ) {}

  templateOf(kind: string | null | undefined): ZaloTemplate | undefined {
    return templateFor(this.templates, kind);
  }

  /** The officer's directory phone number as 84…, or undefined. */
  async phoneOf(officerId: string | null): Promise<string | undefined> {
    if (!officerId) return undefined;
    const [row] = await queryRows<{ phone: string | null }>(this.dataSource, `SELECT phone FROM officer WHERE id = $1 AND active`, [
      officerId,
    ]);
    return zaloPhone(row?.phone);
  }

  /** The template's parameters, each cut to the length the template allows. */
  async dataFor(row: TemplateRow, template: ZaloTemplate): Promise<Record<string, string>> {
    const [info] = await queryRows<{ full_name: string | null; code: string | null; title: string | null }>(
      this.dataSource,
      `SELECT o.full_name, p.code, p.title
       FROM (SELECT $1::uuid AS officer_id, $2::bigint AS notice_id) x
       LEFT JOIN officer o ON o.id = x.officer_id
       LEFT JOIN notification_outbox n ON n.id = x.notice_id
       LEFT JOIN proposal p ON p.id = n.proposal_id`,
      [row.officer_id, row.notice_id],
    );
    const values: Record<TemplateSource, string> = {
      officer_name: info?.full_name ?? '',
      proposal_code: info?.code ?? '',
      proposal_title: info?.title ?? '',
      summary:
        row.text
          .split('\n')
          .map((l) => l.trim())
          .find(Boolean) ?? '',
      date: formatDateVN(todayVN()),
    };
    const data: Record<string, string> = {};
    for (const p of template.params) data[p.name] = cut(values[p.source], p.maxLength);
    return data;
  }

  async byUserId(userId: string, template: ZaloTemplate, data: Record<string, string>): Promise<ZaloSendResult> {
    return this.oa.postJson(`${this.oa.baseUrl}/v3.0/oa/message/template`, {
      user_id: userId,
      template_id: template.templateId,
      template_data: data,
    });
  }

  async byPhone(phone: string, template: ZaloTemplate, data: Record<string, string>, trackingId: string): Promise<ZaloSendResult> {
    return this.oa.postJson(`${this.businessApiBaseUrl}/message/template`, {
      phone,
      template_id: template.templateId,
      template_data: data,
      tracking_id: trackingId,
    });
  }
}

function cut(value: string, max: number): string {
  const v = value.replace(/\s+/g, ' ').trim();
  return v.length <= max ? v : `${v.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}
