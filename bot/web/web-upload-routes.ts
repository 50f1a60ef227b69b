// A file uploaded from the web chat (a plan as .docx, .pdf or .txt): the raw bytes, read up to the plan
// import's limit, become the attachment of one message turn, as Teams and Zalo files do. The bytes travel
// inside the activity (a data: URL), so the bot never fetches anything for a web upload. Session and CSRF
// as every other state-changing route of the web face.
import type restify from 'restify';
import { planImport } from '../../services/platform/messages/plan-import.js';
import { web as t } from '../../services/platform/messages/web.js';
import { HttpError, type WebKit } from './web-kit.js';

async function readBody(req: restify.Request, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) throw new HttpError(413, { error: 'too_big', message: planImport.tooBig(megabytes(maxBytes)) });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });

export function registerUploadRoutes(server: restify.Server, kit: WebKit): void {
  const { api, json, requireSession, runTurn, container } = kit;
  const maxBytes = container.configuration.planImport.maxBytes;
  server.post(
    '/web/api/upload',
    api(
      async (req, res) => {
        const { officer } = await requireSession(req);
        const name = (new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? '').trim().slice(0, 200);
        if (!name) throw new HttpError(400, { error: 'name', message: t.badRequest });
        if (Number(req.headers['content-length'] ?? 0) > maxBytes)
          throw new HttpError(413, { error: 'too_big', message: planImport.tooBig(megabytes(maxBytes)) });
        const bytes = await readBody(req, maxBytes);
        if (!bytes.length) throw new HttpError(400, { error: 'empty', message: t.badRequest });
        const contentType = String(req.headers['content-type'] ?? 'application/octet-stream')
          .split(';')[0]
          .trim();
        const result = await runTurn(officer, {
          type: 'message',
          text: '',
          attachments: [{ contentType, name, contentUrl: `data:${contentType};base64,${bytes.toString('base64')}` }],
        });
        json(res, 200, { ok: true, replies: result.sent });
      },
      { mutating: true },
    ),
  );
}
