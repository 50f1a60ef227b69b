// Personal data about one officer, for the data subject's rights under Decree 13/2023/NĐ-CP:
// export (everything the system holds about them) and erasure. The officer row and every row that
// references it through a foreign key are found from the database catalogue, so a table added later
// is covered without code here; data keyed by something else (botbuilder state keyed by a channel
// user id, Zalo rows keyed by a Zalo user id) is handled by registered sources.
import type { EntityManager } from 'typeorm';

export interface OfficerRecord {
  id: string;
  email: string;
  fullName: string;
  [column: string]: unknown;
}

export interface ChannelAccountRecord {
  id: string;
  channel: string;
  externalUserId: string;
  /** The 1:1 conversation id, from the stored conversation reference. */
  conversationId: string | undefined;
}

export interface PersonalDataContext {
  manager: EntityManager;
  officer: OfficerRecord;
  accounts: ChannelAccountRecord[];
}

/** Personal data held outside the officer's foreign keys. */
export interface PersonalDataSource {
  /** Key in the export, e.g. `conversation_state`. */
  name: string;
  /** Rows about the officer (already free of secrets). */
  export(ctx: PersonalDataContext): Promise<unknown[]>;
  /** Removes or anonymises them inside the erasure transaction; returns how many rows changed. */
  erase(ctx: PersonalDataContext): Promise<number>;
}

const sources = new Map<string, PersonalDataSource>();

/** Registers a source; a module that stores personal data keyed by something other than officer.id calls this. */
export function registerPersonalDataSource(source: PersonalDataSource): void {
  sources.set(source.name, source);
}

export function personalDataSources(): PersonalDataSource[] {
  return [...sources.values()];
}

/** Columns never exported (secrets, hashes of one-time codes), as `table.column`. */
const REDACTED_COLUMNS = new Set<string>([
  'zalo_link_code.code_hash',
  'web_session.token_hash',
  'decision_link.token_hash',
  'decision_link.browser_hash',
]);

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function tableExists(manager: EntityManager, table: string): Promise<boolean> {
  const rows: { t: string | null }[] = await manager.query('SELECT to_regclass($1)::text AS t', [table]);
  return Boolean(rows[0]?.t);
}

/**
 * Runs a `DELETE ... RETURNING` and counts the rows it removed. Wrapped in a CTE so that the result is
 * plain rows (TypeORM returns `[rows, count]` for a bare DELETE).
 */
export async function deleteCounting(manager: EntityManager, deleteSql: string, params: unknown[]): Promise<number> {
  const rows: { n: number }[] = await manager.query(`WITH gone AS (${deleteSql}) SELECT count(*)::int AS n FROM gone`, params);
  return Number(rows[0]?.n ?? 0);
}

export interface OfficerReference {
  table: string;
  column: string;
}

/** Every (table, column) in the public schema with a foreign key to officer(id), from pg_catalog. */
export async function officerReferences(manager: EntityManager): Promise<OfficerReference[]> {
  const rows: { table: string; column: string }[] = await manager.query(
    `SELECT c.relname AS table, a.attname AS column
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class r ON r.oid = k.confrelid
       JOIN LATERAL unnest(k.conkey) AS key(attnum) ON true
       JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = key.attnum
      WHERE k.contype = 'f' AND r.relname = 'officer' AND n.nspname = current_schema()
        AND array_length(k.conkey, 1) = 1
      ORDER BY c.relname, a.attname`,
  );
  return rows.map((r) => ({ table: r.table, column: r.column }));
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `[${value.length} byte]`;
  return value;
}

function cleanRow(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    out[column] = REDACTED_COLUMNS.has(`${table}.${column}`) ? '[ẩn]' : plain(value);
  }
  return out;
}

export async function findOfficerByEmail(manager: EntityManager, email: string): Promise<OfficerRecord | undefined> {
  const rows: Record<string, unknown>[] = await manager.query(`SELECT * FROM officer WHERE email = $1`, [email.trim().toLowerCase()]);
  const row = rows[0];
  if (!row) return undefined;
  return { ...cleanRow('officer', row), id: String(row.id), email: String(row.email), fullName: String(row.full_name) };
}

export async function channelAccounts(manager: EntityManager, officerId: string): Promise<ChannelAccountRecord[]> {
  const rows: { id: string; channel: string; external_user_id: string; conversation_id: string | null }[] = await manager.query(
    `SELECT id, channel, external_user_id, conversation_reference #>> '{conversation,id}' AS conversation_id
       FROM channel_account WHERE officer_id = $1`,
    [officerId],
  );
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    externalUserId: r.external_user_id,
    conversationId: r.conversation_id ?? undefined,
  }));
}

export interface PersonalDataExport {
  format: 'tro-ly-doi-moi/personal-data-export';
  version: 1;
  exportedAt: string;
  legalBasis: string;
  officer: Record<string, unknown>;
  /** Rows referencing the officer, by `table.column` (e.g. `proposal.proposer_id`, `audit_event.actor_id`). */
  references: Record<string, Record<string, unknown>[]>;
  /** Data held under the officer's channel identities (conversation state, Zalo messages). */
  other: Record<string, unknown[]>;
}

/** Everything held about the officer with this email, or undefined when there is none. */
export async function exportPersonalData(manager: EntityManager, email: string): Promise<PersonalDataExport | undefined> {
  const officer = await findOfficerByEmail(manager, email);
  if (!officer) return undefined;
  const officerRows: Record<string, unknown>[] = await manager.query(
    `SELECT o.*, u.code AS unit_code, u.name AS unit_name FROM officer o JOIN unit u ON u.id = o.unit_id WHERE o.id = $1`,
    [officer.id],
  );
  const references: Record<string, Record<string, unknown>[]> = {};
  for (const ref of await officerReferences(manager)) {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT * FROM ${quoteIdent(ref.table)} WHERE ${quoteIdent(ref.column)} = $1 ORDER BY 1`,
      [officer.id],
    );
    if (rows.length > 0) references[`${ref.table}.${ref.column}`] = rows.map((row) => cleanRow(ref.table, row));
  }
  const ctx: PersonalDataContext = { manager, officer, accounts: await channelAccounts(manager, officer.id) };
  const other: Record<string, unknown[]> = {};
  for (const source of sources.values()) {
    const rows = await source.export(ctx);
    if (rows.length > 0)
      other[source.name] = rows.map((row) =>
        row && typeof row === 'object' ? cleanRow(source.name, row as Record<string, unknown>) : row,
      );
  }
  return {
    format: 'tro-ly-doi-moi/personal-data-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    legalBasis: 'Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân (quyền được cung cấp dữ liệu)',
    officer: cleanRow('officer', officerRows[0] ?? {}),
    references,
    other,
  };
}

// ---- Built-in sources -------------------------------------------------------------------------

/** botbuilder keys: `${channelId}/${botId}/users/${userId}` and `${channelId}/${botId}/conversations/${conversationId}`. */
function stateKeyFilters(accounts: ChannelAccountRecord[]): { prefixes: string[]; suffixes: string[] } {
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  for (const account of accounts) {
    const wanted = [`/users/${account.externalUserId}`];
    if (account.conversationId) wanted.push(`/conversations/${account.conversationId}`);
    // On Zalo the 1:1 conversation is the user.
    if (account.channel !== 'msteams') wanted.push(`/conversations/${account.externalUserId}`);
    for (const suffix of wanted) {
      prefixes.push(`${account.channel}/`);
      suffixes.push(suffix);
    }
  }
  return { prefixes, suffixes };
}

const STATE_WHERE = `EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[]) AS f(prefix, suffix)
                      WHERE left(key, length(f.prefix)) = f.prefix AND right(key, length(f.suffix)) = f.suffix)`;

registerPersonalDataSource({
  name: 'conversation_state',
  async export({ manager, accounts }) {
    if (accounts.length === 0) return [];
    const { prefixes, suffixes } = stateKeyFilters(accounts);
    return manager.query(`SELECT key, data, updated_at FROM bot_state WHERE ${STATE_WHERE} ORDER BY key`, [prefixes, suffixes]);
  },
  async erase({ manager, accounts }) {
    if (accounts.length === 0) return 0;
    const { prefixes, suffixes } = stateKeyFilters(accounts);
    return deleteCounting(manager, `DELETE FROM bot_state WHERE ${STATE_WHERE} RETURNING 1`, [prefixes, suffixes]);
  },
});

/** Zalo rows keyed by the Zalo user id (no foreign key to officer): received messages and link attempts. */
function zaloIds(accounts: ChannelAccountRecord[]): { channels: string[]; users: string[] } {
  const zalo = accounts.filter((a) => a.channel === 'zalo_oa' || a.channel === 'zalo_bot');
  return { channels: zalo.map((a) => a.channel), users: zalo.map((a) => a.externalUserId) };
}

const ZALO_USER_TABLES = [
  { name: 'zalo_inbox', table: 'zalo_inbox', userColumn: 'user_id', order: 'id' },
  { name: 'zalo_outbox_by_recipient', table: 'zalo_outbox', userColumn: 'recipient_id', order: 'id' },
  { name: 'zalo_link_attempt', table: 'zalo_link_attempt', userColumn: 'user_id', order: 'id' },
] as const;

for (const spec of ZALO_USER_TABLES) {
  const where = `EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[]) AS z(channel, user_id)
                  WHERE t.channel = z.channel AND t.${spec.userColumn} = z.user_id)`;
  registerPersonalDataSource({
    name: spec.name,
    async export({ manager, accounts }) {
      const { channels, users } = zaloIds(accounts);
      if (users.length === 0 || !(await tableExists(manager, spec.table))) return [];
      return manager.query(`SELECT * FROM ${spec.table} t WHERE ${where} ORDER BY ${spec.order}`, [channels, users]);
    },
    async erase({ manager, accounts }) {
      const { channels, users } = zaloIds(accounts);
      if (users.length === 0 || !(await tableExists(manager, spec.table))) return 0;
      return deleteCounting(manager, `DELETE FROM ${spec.table} t WHERE ${where} RETURNING 1`, [channels, users]);
    },
  });
}

/** The web chat's history and open streams, keyed by the officer's web conversation (`web:<officer id>`). */
registerPersonalDataSource({
  name: 'web_chat',
  async export({ manager, officer }) {
    if (!(await tableExists(manager, 'web_event'))) return [];
    return manager.query(`SELECT seq, kind, activity, created_at FROM web_event WHERE conversation_id = $1 ORDER BY seq`, [
      `web:${officer.id}`,
    ]);
  },
  async erase({ manager, officer }) {
    if (!(await tableExists(manager, 'web_event'))) return 0;
    await manager.query(`DELETE FROM web_presence WHERE conversation_id = $1`, [`web:${officer.id}`]);
    return deleteCounting(manager, `DELETE FROM web_event WHERE conversation_id = $1 RETURNING 1`, [`web:${officer.id}`]);
  },
});
