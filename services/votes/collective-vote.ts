// The collective vote of Decree 73 Art. 8.1, one module for its two uses: the decision on a plan and each
// evaluation round of its results. A ballot per voter is written when the vote opens (choice null until
// cast); the tally is Art. 8.1's rule (vote-tally.ts) on the ballots of one subject.
import { In, type EntityManager } from 'typeorm';
import { CollectiveVote, type VoteSubjectKind } from '../../entities/collective-vote.entity.js';
import { Officer } from '../../entities/officer.entity.js';
import { recordAudit } from '../proposals/proposal-state-machine.js';
import { tallyVotes, type MajorityBase, type TallyResult } from './vote-tally.js';

/** What is voted on: a decision or an evaluation round, by id. */
export interface VoteSubject {
  kind: VoteSubjectKind;
  id: string;
}

export type Choice = 'for' | 'against';

/** The result of an in-person meeting of the collective, recorded by the head instead of the vote. */
export interface MeetingInput {
  inFavour: number;
  against: number;
  headInFavour: boolean;
  participants: string;
  minutes?: string;
}

/** The vote on a plan (a decision in its decision stage). */
export const onDecision = (decisionId: string): VoteSubject => ({ kind: 'decision', id: decisionId });

/** The vote of one evaluation round. */
export const onEvaluation = (evaluationId: string): VoteSubject => ({ kind: 'evaluation', id: evaluationId });

const bySubject = (subject: VoteSubject) => ({ subjectKind: subject.kind, subjectId: subject.id });

/** Writes one ballot per voter; a ballot given a choice is cast at once (a single voter's approval). */
export async function openBallots(
  m: EntityManager,
  subject: VoteSubject,
  voters: readonly { voterId: string; isHead: boolean; choice?: Choice }[],
): Promise<void> {
  for (const v of voters) {
    await m.insert(CollectiveVote, {
      ...bySubject(subject),
      voterId: v.voterId,
      isHead: v.isHead,
      choice: v.choice ?? null,
      comment: null,
      votedAt: v.choice ? new Date() : null,
    });
  }
}

/** This voter's ballot on the subject, or null when they are not a voter. */
export function ballotOf(m: EntityManager, subject: VoteSubject, voterId: string): Promise<CollectiveVote | null> {
  return m.findOne(CollectiveVote, { where: { ...bySubject(subject), voterId } });
}

/** What the audit trail says of a cast ballot: the proposal, who, on which channel, and the audit action. */
export interface BallotAudit {
  proposalId: string;
  actor: { officerId: string; channel: string };
  action: string;
  /** The proposal's status, unchanged by a ballot. */
  status: string;
  /** The subject's id under the name the audit data has always used (decisionId, evaluationId). */
  data: Record<string, string>;
}

/**
 * Casts (or changes) a ballot, audits it, and returns the tally after it: the same three steps for a
 * decision and an evaluation, in the caller's transaction.
 */
export async function castBallot(
  m: EntityManager,
  ballot: CollectiveVote,
  choice: Choice,
  comment: string | null,
  audit: BallotAudit,
  base: MajorityBase,
): Promise<TallyResult> {
  await m.update(CollectiveVote, { id: ballot.id }, { choice, comment, votedAt: new Date() });
  await recordAudit(m, {
    proposalId: audit.proposalId,
    actorId: audit.actor.officerId,
    channel: audit.actor.channel,
    action: audit.action,
    comment,
    data: { ...audit.data, choice },
    status: audit.status,
  });
  return tallyOf(m, { kind: ballot.subjectKind, id: ballot.subjectId }, base);
}

/** The ballots of a subject in the order they were opened. */
export function ballotsOf(m: EntityManager, subject: VoteSubject): Promise<CollectiveVote[]> {
  return m.find(CollectiveVote, { where: bySubject(subject), order: { id: 'ASC' } });
}

/** How many voters the subject has. */
export function voterCount(m: EntityManager, subject: VoteSubject): Promise<number> {
  return m.count(CollectiveVote, { where: bySubject(subject) });
}

/** The tally of the ballots cast so far (Art. 8.1). */
export async function tallyOf(m: EntityManager, subject: VoteSubject, base: MajorityBase): Promise<TallyResult> {
  return tallyVotes(await ballotsOf(m, subject), base);
}

/** The ballots with their voters (null for a voter no longer in the directory). */
export async function withVoters(m: EntityManager, ballots: CollectiveVote[]): Promise<(CollectiveVote & { voter: Officer | null })[]> {
  const voters = ballots.length ? await m.findBy(Officer, { id: In(ballots.map((b) => b.voterId)) }) : [];
  const byId = new Map(voters.map((o) => [o.id, o]));
  return ballots.map((b) => Object.assign(b, { voter: byId.get(b.voterId) ?? null }));
}
