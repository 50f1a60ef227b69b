import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LegalProvision } from './legal-provision.entity.js';

/** Kinds of documents the knowledge base can hold; the label is used in citations ("Nghị định 73/2023/NĐ-CP"). */
export const LEGAL_DOCUMENT_KINDS = [
  'nghi_dinh',
  'quy_dinh',
  'ket_luan',
  'thong_tu',
  'quyet_dinh',
  'cong_van',
  'ke_hoach',
  'khac',
] as const;
export type LegalDocumentKind = (typeof LEGAL_DOCUMENT_KINDS)[number];

/**
 * An imported official text (one version of it). Importing the same code again creates a new version and
 * marks the previous one superseded; only current versions are searched.
 */
@Entity({ name: 'legal_document' })
@Index('IDX_legal_document_code_version', ['codeKey', 'version'], { unique: true })
export class LegalDocument {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** As written on the document: "73/2023/NĐ-CP". */
  @Column({ type: 'varchar', length: 100 })
  code!: string;

  /** Folded, upper-case code used to find versions of the same document ("73/2023/ND-CP"). */
  @Column({ name: 'code_key', type: 'varchar', length: 100 })
  codeKey!: string;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: LegalDocumentKind;

  @Column({ type: 'varchar', length: 200, nullable: true })
  issuer!: string | null;

  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn!: string | null;

  @Column({ name: 'effective_from', type: 'date', nullable: true })
  effectiveFrom!: string | null;

  @Column({ name: 'effective_to', type: 'date', nullable: true })
  effectiveTo!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'boolean', default: false })
  superseded!: boolean;

  /** Where the copy came from (file name, who imported it): shown to administrators, never to end users. */
  @Column({ name: 'source_note', type: 'text', nullable: true })
  sourceNote!: string | null;

  /** sha256 of the extracted text, to tell an identical re-import. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @OneToMany('LegalProvision', 'document')
  provisions?: LegalProvision[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
