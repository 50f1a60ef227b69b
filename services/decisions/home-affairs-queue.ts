// What the Department of Home Affairs must act on: plans that could not be routed, and notifications that
// could not be delivered (with whom they were for and the proposal's code).
import { In, type DataSource } from 'typeorm';
import { Officer } from '../../entities/officer.entity.js';
import { Proposal } from '../../entities/proposal.entity.js';
import { undeliveredNotifications } from '../notifications/notifier.js';

export interface UndeliveredLine {
  officerName: string;
  code: string;
  attempts: number;
  lastError: string;
}

export async function undeliveredForHomeAffairs(dataSource: DataSource, limit = 30): Promise<UndeliveredLine[]> {
  const failed = await undeliveredNotifications(dataSource, limit);
  if (!failed.length) return [];
  const people = await dataSource.getRepository(Officer).find({ where: { id: In([...new Set(failed.map((f) => f.officerId))]) } });
  const proposalIds = [...new Set(failed.map((f) => f.proposalId).filter((id): id is string => Boolean(id)))];
  const proposals = proposalIds.length ? await dataSource.getRepository(Proposal).find({ where: { id: In(proposalIds) } }) : [];
  const names = new Map(people.map((o) => [o.id, o.fullName]));
  const codes = new Map(proposals.map((p) => [p.id, p.code ?? '']));
  return failed.map((f) => ({
    officerName: names.get(f.officerId) ?? '',
    code: codes.get(f.proposalId ?? '') ?? '',
    attempts: f.attempts,
    lastError: f.lastError ?? '',
  }));
}
