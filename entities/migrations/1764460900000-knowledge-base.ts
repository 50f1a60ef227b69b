import { MigrationInterface, QueryRunner } from 'typeorm';

/** Knowledge base: imported legal documents (versioned), their provision trees, and a revision counter. */
export class KnowledgeBase1764460900000 implements MigrationInterface {
  name = 'KnowledgeBase1764460900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE legal_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(100) NOT NULL,
        code_key varchar(100) NOT NULL,
        title varchar(500) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('nghi_dinh','quy_dinh','ket_luan','thong_tu','quyet_dinh','cong_van','ke_hoach','khac')),
        issuer varchar(200),
        issued_on date,
        effective_from date,
        effective_to date,
        version integer NOT NULL CHECK (version >= 1),
        superseded boolean NOT NULL DEFAULT false,
        source_note text,
        content_hash varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (effective_to IS NULL OR effective_from IS NULL OR effective_to >= effective_from)
      )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_legal_document_code_version" ON legal_document (code_key, version)`);
    // At most one current version per code.
    await q.query(`CREATE UNIQUE INDEX "IDX_legal_document_current" ON legal_document (code_key) WHERE NOT superseded`);
    await q.query(`
      CREATE TABLE legal_provision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES legal_document(id) ON DELETE CASCADE,
        parent_id uuid REFERENCES legal_provision(id) ON DELETE CASCADE,
        kind varchar(8) NOT NULL CHECK (kind IN ('phan','chuong','muc','dieu','khoan','diem','y','doan')),
        number varchar(16) NOT NULL,
        title text,
        text text NOT NULL,
        citation varchar(400) NOT NULL,
        path varchar(200) NOT NULL,
        ordinal integer NOT NULL,
        depth smallint NOT NULL
      )`);
    await q.query(`CREATE INDEX "IDX_legal_provision_document" ON legal_provision (document_id, ordinal)`);
    await q.query(`CREATE INDEX "IDX_legal_provision_parent" ON legal_provision (parent_id)`);
    // Bumped by every import and removal, so every process rebuilds its in-memory index.
    await q.query(`
      CREATE TABLE knowledge_revision (
        id smallint PRIMARY KEY CHECK (id = 1),
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO knowledge_revision (id, revision) VALUES (1, 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE knowledge_revision`);
    await q.query(`DROP TABLE legal_provision`);
    await q.query(`DROP TABLE legal_document`);
  }
}
