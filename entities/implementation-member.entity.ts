import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An officer assigned to carry out an approved plan. */
@Entity({ name: 'implementation_member' })
export class ImplementationMember {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId!: string;

  @Column({ name: 'officer_id', type: 'uuid' })
  officerId!: string;

  @Column({ name: 'is_lead', type: 'boolean', default: false })
  isLead!: boolean;
}
