// The loopback connector's roster: the Teams members it answers for (by Teams id, AAD object id, email or
// UPN), and the 1:1 conversation each has, as Teams gives the same personal chat back on createConversation.
import { randomBytes } from 'node:crypto';
import { HttpError } from './connector-http.js';
import type { RosterMember, RosterMemberInput } from './connector-types.js';

function normaliseMember(input: RosterMemberInput, tenantId: string): RosterMember {
  const { upn, ...rest } = input;
  const member: RosterMember = { ...rest, tenantId: rest.tenantId ?? tenantId };
  if (upn && !member.userPrincipalName) member.userPrincipalName = upn;
  if (!member.userPrincipalName && member.email) member.userPrincipalName = member.email;
  if (!member.userRole) member.userRole = 'user';
  return member;
}

export class ConnectorRoster {
  private readonly members = new Map<string, RosterMember>();
  private readonly personalConversations = new Map<string, string>();
  /** 1:1 conversations created through the API, by the member's id and AAD object id (a scan was O(n²) at 5,000). */
  private readonly createdPersonal = new Map<string, string>();

  constructor(private readonly tenantId: string) {}

  /** Register (or replace) a roster member, answered by the members routes. */
  addMember(input: RosterMemberInput): RosterMember {
    const member = normaliseMember(input, this.tenantId);
    this.members.set(member.id, member);
    return member;
  }

  removeMember(idOrAadObjectId: string): boolean {
    const member = this.findMember(idOrAadObjectId);
    return member ? this.members.delete(member.id) : false;
  }

  listMembers(): RosterMember[] {
    return [...this.members.values()];
  }

  /** A member by Teams id, AAD object id, email or UPN (as the real service accepts either id). */
  findMember(key: string): RosterMember | undefined {
    const direct = this.members.get(key);
    if (direct) return direct;
    const lower = key.toLowerCase();
    for (const member of this.members.values()) {
      if (member.aadObjectId?.toLowerCase() === lower) return member;
      if (member.email?.toLowerCase() === lower) return member;
      if (member.userPrincipalName?.toLowerCase() === lower) return member;
    }
    return undefined;
  }

  /**
   * Make `createConversation` for this single member answer an existing conversation id, as Teams does for a
   * personal chat that already exists.
   */
  setPersonalConversation(memberIdOrAadObjectId: string, conversationId: string): void {
    const member = this.findMember(memberIdOrAadObjectId);
    this.personalConversations.set(member?.id ?? memberIdOrAadObjectId, conversationId);
  }

  /** A member by any of its keys, or the 404 Teams answers for someone not in the conversation. */
  memberOrThrow(memberId: string): RosterMember {
    const member = this.findMember(memberId);
    if (!member) {
      throw new HttpError(404, 'MemberNotFoundInConversation', 'The member could not be found in the conversation.');
    }
    return member;
  }

  delete(member: RosterMember): void {
    this.members.delete(member.id);
  }

  /** The id of the 1:1 conversation with this member: the existing one, else a new one kept for next time. */
  personalConversationId(first: { id?: string; aadObjectId?: string } | undefined): string {
    const key = first?.id ?? first?.aadObjectId ?? '';
    const member = this.findMember(key);
    let id = this.personalConversations.get(member?.id ?? key);
    id ??= this.createdPersonal.get(key);
    if (!id) {
      id = `a:1${randomBytes(24).toString('base64url')}`;
      for (const k of [first?.id, first?.aadObjectId]) if (k) this.createdPersonal.set(k, id);
    }
    return id;
  }

  /** Forget the 1:1 conversations created through the API (the members and set personal chats stay). */
  forgetCreatedConversations(): void {
    this.createdPersonal.clear();
  }
}
