// Erasure of an officer's personal data (Decree 13/2023/NĐ-CP): the officer row stays, anonymised, so
// that proposals, decisions and the append-only audit log keep pointing at a person who can no longer
// be identified; their channel accounts, conversation state, pending messages and channel logs go.
// Audit rows are never changed (the database refuses it); one more audit event records the erasure.
import type { DataSource, EntityManager } from 'typeorm';
import {
  channelAccounts,
  deleteCounting,
  findOfficerByEmail,
  officerReferences,
  personalDataSources,
  quoteIdent,
  tableExists,
  type PersonalDataContext,
} from './personal-data.js';

export const ERASED_NAME = 'Người dùng đã xóa';

export function erasedEmail(officerId: string): string {
  return `erased-${officerId}@invalid`;
}

export function isErasedEmail(email: string): boolean {
  return /^erased-[0-9a-f-]{36}@invalid$/.test(email);
}

/**
 * Tables whose rows referencing the officer are deleted on erasure (how to reach them, messages to
 * them); rows in every other referencing table (proposals, revisions, decisions, votes, audit) stay
 * and point at the anonymised officer.
 */
const DELETED_ON_ERASURE = new Map<string, string>([
  ['channel_account', 'officer_id'],
  ['notification_outbox', 'officer_id'],
  ['zalo_outbox', 'officer_id'],
  ['zalo_link_code', 'officer_id'],
  // Ways to act as the person: browser sessions and one-time decision links.
  ['web_session', 'officer_id'],
  ['decision_link', 'officer_id'],
]);

export interface OpenWork {
  openDecisions: number;
  pendingVotes: number;
  heldProposals: number;
}

export type EraseResult =
  | { status: 'not_found' }
  | { status: 'already_erased'; officerId: string }
  | { status: 'open_work'; officerId: string; openWork: OpenWork }
  | { status: 'erased'; officerId: string; removed: Record<string, number>; auditEventId: string };

async function count(manager: EntityManager, table: string, sql: string, params: unknown[]): Promise<number> {
  if (!(await tableExists(manager, table))) return 0;
  const rows: { n: number }[] = await manager.query(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/** Work that would stall if this person could no longer be reached. */
export async function openWorkOf(manager: EntityManager, officerId: string): Promise<OpenWork> {
  return {
    openDecisions: await count(manager, 'decision', `SELECT count(*)::int AS n FROM decision WHERE decider_id = $1 AND state <> 'done'`, [
      officerId,
    ]),
    pendingVotes: await count(
      manager,
      'collective_vote',
      `SELECT count(*)::int AS n FROM collective_vote v JOIN decision d ON v.subject_kind = 'decision' AND d.id = v.subject_id
        WHERE v.voter_id = $1 AND v.choice IS NULL AND d.state = 'vote_open'`,
      [officerId],
    ),
    heldProposals: await count(
      manager,
      'proposal',
      `SELECT count(*)::int AS n FROM proposal WHERE holder_id = $1 AND status NOT IN ('closed','withdrawn','rejected','evaluated')`,
      [officerId],
    ),
  };
}

function hasOpenWork(work: OpenWork): boolean {
  return work.openDecisions + work.pendingVotes + work.heldProposals > 0;
}

export interface EraseOptions {
  /** Erase even when the person still holds open work (it must then be reassigned by hand). */
  force?: boolean;
  /** Who asked (free text for the audit event, e.g. the operator's name and the request's reference). */
  requestedBy?: string;
}

/** Anonymises the officer with this email in one transaction. */
export async function erasePersonalData(dataSource: DataSource, email: string, options: EraseOptions = {}): Promise<EraseResult> {
  return dataSource.transaction(async (manager) => {
    const found = await findOfficerByEmail(manager, email);
    if (!found) return { status: 'not_found' };
    // Lock the row: two erasures (or an erasure and a directory import) of one person are serialised.
    await manager.query('SELECT id FROM officer WHERE id = $1 FOR UPDATE', [found.id]);
    if (isErasedEmail(found.email)) return { status: 'already_erased', officerId: found.id };
    const openWork = await openWorkOf(manager, found.id);
    if (hasOpenWork(openWork) && !options.force) return { status: 'open_work', officerId: found.id, openWork };

    const ctx: PersonalDataContext = { manager, officer: found, accounts: await channelAccounts(manager, found.id) };
    const removed: Record<string, number> = {};
    // Sources first: they find rows through the channel accounts, which go next.
    for (const source of personalDataSources()) {
      const n = await source.erase(ctx);
      if (n > 0) removed[source.name] = n;
    }
    const references = new Set((await officerReferences(manager)).map((r) => `${r.table}.${r.column}`));
    for (const [table, column] of DELETED_ON_ERASURE) {
      if (!references.has(`${table}.${column}`)) continue;
      const n = await deleteCounting(manager, `DELETE FROM ${quoteIdent(table)} WHERE ${quoteIdent(column)} = $1 RETURNING 1`, [found.id]);
      if (n > 0) removed[table] = (removed[table] ?? 0) + n;
    }
    await manager.query(
      `UPDATE officer SET full_name = $2, email = $3, phone = NULL, teams_aad_object_id = NULL, active = false, updated_at = now()
        WHERE id = $1`,
      [found.id, ERASED_NAME, erasedEmail(found.id)],
    );
    const audit: { id: string }[] = await manager.query(
      `INSERT INTO audit_event (proposal_id, actor_id, channel, action, comment, data)
       VALUES (NULL, NULL, 'cli', 'privacy_erased', $1, $2::jsonb) RETURNING id`,
      [
        options.requestedBy ?? null,
        JSON.stringify({ officerId: found.id, removed, forced: Boolean(options.force && hasOpenWork(openWork)) }),
      ],
    );
    return { status: 'erased', officerId: found.id, removed, auditEventId: String(audit[0].id) };
  });
}
