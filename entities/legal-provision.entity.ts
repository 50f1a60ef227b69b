import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LegalDocument } from './legal-document.entity.js';

/**
 * Levels of a provision tree. Decrees and regulations: phan, chuong, muc, dieu, khoan, diem, y (a "-" item).
 * Administrative letters: muc ("1."), diem ("a)"), y ("-"), and doan for the opening and closing paragraphs.
 */
export const PROVISION_KINDS = ['phan', 'chuong', 'muc', 'dieu', 'khoan', 'diem', 'y', 'doan'] as const;
export type ProvisionKind = (typeof PROVISION_KINDS)[number];

/** One node of a document's structure, with its own text and its full citation. */
@Entity({ name: 'legal_provision' })
@Index('IDX_legal_provision_document', ['documentId', 'ordinal'])
export class LegalProvision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => LegalDocument, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: LegalDocument;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ type: 'varchar', length: 8 })
  kind!: ProvisionKind;

  /** "8", "8a", "2", "b", "II"; for "-" items their position ("1", "2", ...). */
  @Column({ type: 'varchar', length: 16 })
  number!: string;

  /** Heading of an article, chapter or section ("Trình tự, thủ tục ..."), else null. */
  @Column({ type: 'text', nullable: true })
  title!: string | null;

  /** The provision's own words, exactly as imported (children excluded). */
  @Column({ type: 'text' })
  text!: string;

  /** "điểm b khoản 2 Điều 7 Nghị định 73/2023/NĐ-CP". */
  @Column({ type: 'varchar', length: 400 })
  citation!: string;

  /** Machine path: "dieu:7/khoan:2/diem:b" (document-relative, chapters omitted). */
  @Column({ type: 'varchar', length: 200 })
  path!: string;

  /** Position in reading order within the document. */
  @Column({ type: 'integer' })
  ordinal!: number;

  @Column({ type: 'smallint' })
  depth!: number;
}
