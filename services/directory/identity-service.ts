// Who is writing? A channel user is matched to an officer of the directory: first by a remembered
// ChannelAccount, then by AAD object id, then by the email/UPN of the Teams roster; a match is remembered.
import type { DataSource } from 'typeorm';
import { ChannelAccount, type Channel } from '../../entities/channel-account.entity.js';
import { Officer } from '../../entities/officer.entity.js';

export interface IncomingIdentity {
  channel: Channel;
  externalUserId: string;
  aadObjectId?: string;
  tenantId?: string;
  conversationReference?: Record<string, unknown>;
  /**
   * false when the activity was not authenticated (demo, BOT_AUTH=off): its reference may not replace one
   * stored from another service URL, so nobody can redirect an officer's notifications to their own server.
   */
  referenceVerified?: boolean;
}

export interface RosterIdentity {
  email?: string;
  userPrincipalName?: string;
}

export type IdentityResult =
  { status: 'known'; officer: Officer; account: ChannelAccount } | { status: 'inactive'; officer: Officer } | { status: 'unknown' };

// Refreshing last_seen_at on every turn would cost a write per message; once in a while is enough.
const LAST_SEEN_REFRESH_MS = 10 * 60 * 1000;

export class IdentityService {
  constructor(private readonly dataSource: DataSource) {}

  /** `known`: the account (with its officer) already read with the turn's state, null when there is none. */
  async resolve(
    identity: IncomingIdentity,
    roster?: () => Promise<RosterIdentity | undefined>,
    known?: ChannelAccount | null,
  ): Promise<IdentityResult> {
    // find, not findOne: with a relation, findOne's LIMIT makes TypeORM send two queries (ids, then rows);
    // (channel, external_user_id) is unique, so there is at most one row anyway.
    const [existing] =
      known !== undefined
        ? [known]
        : await this.dataSource.getRepository(ChannelAccount).find({
            where: { channel: identity.channel, externalUserId: identity.externalUserId },
            relations: { officer: true },
          });
    if (existing?.officer) {
      if (!existing.officer.active) return { status: 'inactive', officer: existing.officer };
      await this.touch(existing, identity);
      return { status: 'known', officer: existing.officer, account: existing };
    }

    const officer = await this.match(identity, roster);
    if (!officer) return { status: 'unknown' };
    if (!officer.active) return { status: 'inactive', officer };
    const account = await this.link(officer, identity);
    return { status: 'known', officer, account };
  }

  /** The Teams user ids (29:…) of these officers: who may get a card's personal refresh. */
  async teamsUserIds(officerIds: readonly string[]): Promise<string[]> {
    if (!officerIds.length) return [];
    const accounts = await this.dataSource
      .getRepository(ChannelAccount)
      .createQueryBuilder('a')
      .where(`a.channel = 'msteams' AND a.officer_id IN (:...ids)`, { ids: [...new Set(officerIds)] })
      .getMany();
    // Every Teams user id as Teams gave it (the Playground's are not "29:…"); an account keyed by the AAD
    // object id was opened by the notifier before the person wrote, and carries no Teams user id yet.
    return accounts.filter((a) => a.externalUserId !== a.aadObjectId).map((a) => a.externalUserId);
  }

  /** Whether the officer works in the Department of Home Affairs. */
  async inHomeAffairs(officer: Officer): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM unit WHERE id = $1 AND is_home_affairs`, [officer.unitId])) as unknown[];
    return rows.length > 0;
  }

  /** Links a channel user to an officer (used after a verified match or a one-time link code). */
  async link(officer: Officer, identity: IncomingIdentity): Promise<ChannelAccount> {
    await this.dataSource.query(
      `INSERT INTO channel_account
         (officer_id, channel, external_user_id, aad_object_id, tenant_id, conversation_reference, linked_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, now(), now())
       ON CONFLICT (channel, external_user_id) DO UPDATE SET
         officer_id = EXCLUDED.officer_id, aad_object_id = EXCLUDED.aad_object_id, tenant_id = EXCLUDED.tenant_id,
         conversation_reference = COALESCE(EXCLUDED.conversation_reference, channel_account.conversation_reference),
         linked_at = now(), last_seen_at = now()`,
      [
        officer.id,
        identity.channel,
        identity.externalUserId,
        identity.aadObjectId ?? null,
        identity.tenantId ?? null,
        identity.conversationReference ? JSON.stringify(identity.conversationReference) : null,
      ],
    );
    if (identity.aadObjectId && !officer.teamsAadObjectId) {
      // Remember the AAD id on the officer so proactive messages can reach them later; never steal
      // an id already held by someone else.
      await this.dataSource.query(
        `UPDATE officer SET teams_aad_object_id = $1, updated_at = now()
         WHERE id = $2 AND teams_aad_object_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM officer o2 WHERE o2.teams_aad_object_id = $1)`,
        [identity.aadObjectId, officer.id],
      );
    }
    const account = await this.dataSource.getRepository(ChannelAccount).findOneOrFail({
      where: { channel: identity.channel, externalUserId: identity.externalUserId },
    });
    account.officer = officer;
    return account;
  }

  private async match(identity: IncomingIdentity, roster?: () => Promise<RosterIdentity | undefined>): Promise<Officer | null> {
    const officers = this.dataSource.getRepository(Officer);
    if (identity.aadObjectId) {
      const byAad = await officers.findOne({ where: { teamsAadObjectId: identity.aadObjectId } });
      if (byAad) return byAad;
    }
    if (!roster) return null;
    let member: RosterIdentity | undefined;
    try {
      member = await roster();
    } catch {
      // The roster is a convenience; a failure means "not matched", not a crashed turn.
      return null;
    }
    for (const candidate of [member?.email, member?.userPrincipalName]) {
      const email = candidate?.trim().toLowerCase();
      if (!email || !email.includes('@')) continue;
      const byEmail = await officers.findOne({ where: { email } });
      if (byEmail) return byEmail;
    }
    return null;
  }

  private async touch(account: ChannelAccount, identity: IncomingIdentity): Promise<void> {
    // The reference carries the id of the activity it was taken from, new on every message: it is not part
    // of how to reach the person, and comparing it would cost a write per turn. jsonb stores keys sorted,
    // so both sides are compared with sorted keys.
    const stored = account.conversationReference as { serviceUrl?: unknown } | null | undefined;
    const redirects =
      identity.referenceVerified === false && !!stored?.serviceUrl && stored.serviceUrl !== identity.conversationReference?.serviceUrl;
    const referenceChanged =
      identity.conversationReference !== undefined &&
      !redirects &&
      stableJson(withoutActivityId(identity.conversationReference)) !== stableJson(withoutActivityId(account.conversationReference));
    const stale = !account.lastSeenAt || Date.now() - account.lastSeenAt.getTime() > LAST_SEEN_REFRESH_MS;
    if (!referenceChanged && !stale) return;
    const now = new Date();
    await this.dataSource.query(
      `UPDATE channel_account SET last_seen_at = $1, conversation_reference = COALESCE($2::jsonb, conversation_reference)
       WHERE id = $3`,
      [now, referenceChanged ? JSON.stringify(identity.conversationReference) : null, account.id],
    );
    account.lastSeenAt = now;
    if (referenceChanged) account.conversationReference = identity.conversationReference ?? null;
  }
}

function withoutActivityId(reference: Record<string, unknown> | null | undefined): Record<string, unknown> | null | undefined {
  if (!reference || !('activityId' in reference)) return reference;
  const { activityId: _activityId, ...rest } = reference;
  return rest;
}

/** JSON with object keys sorted at every level, to compare a value with its jsonb round trip. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
