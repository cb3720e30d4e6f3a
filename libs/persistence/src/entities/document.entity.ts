import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The frozen data snapshot a document was rendered from (shape in templates/README.md). Typed are
 * the parts read back after issue; the rest is whatever the template's schema accepted.
 */
export interface DocumentData {
  /** The issuing agency (发文机关). */
  issuer?: { name?: string; [field: string]: JsonLeaf | undefined };
  /** The answers of the step's form, e.g. a decision's `amount` (fen) and `startMonth`. */
  form?: Record<string, JsonLeaf>;
  [section: string]: JsonLeaf | undefined;
}

/**
 * Any value of the snapshot. Not `unknown`: TypeORM's insert type has no room for `unknown`
 * leaves, and a JSON value is never `undefined` anyway.
 */
type JsonLeaf = NonNullable<unknown> | null;

/** One issued document: number and data snapshot are frozen in the step's transaction. */
@Entity('document')
export class DocumentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ name: 'element_id', type: 'text' }) elementId!: string;
  @Column({ name: 'template_id', type: 'text' }) templateId!: string;
  @Column({ name: 'template_version', type: 'int' }) templateVersion!: number;
  @Column({ name: 'template_hash', type: 'char', length: 64 }) templateHash!: string;
  @Column('text') title!: string;
  @Column({ name: 'agency_region_code', type: 'varchar', length: 12 }) agencyRegionCode!: string;
  @Column({ type: 'text', nullable: true }) number!: string | null;
  @Column('jsonb') data!: DocumentData;
  @Column({ name: 'verify_code', type: 'text', unique: true }) verifyCode!: string;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt!: Date;
  /** Issue order (database-assigned); documents of one step share `issuedAt`. */
  @Column({ type: 'bigint', insert: false, update: false }) seq?: string;
  /** pending = committed but not yet rendered/signed/archived; the pipeline finishes it, retry-safe. */
  @Column('text') status!: 'pending' | 'archived';
  @Column({ name: 'pdf_sha256', type: 'char', length: 64, nullable: true }) pdfSha256!: string | null;
  /** Set by reads that join it: the failed renders of a document still pending. */
  renderFailure?: DocumentRenderFailureEntity | null;
}

/** A pending document whose render or archive failed; removed when it is archived. */
@Entity('document_render_failure')
export class DocumentRenderFailureEntity {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' }) documentId!: string;
  @Column('int') attempts!: number;
  @Column('text') error!: string;
  @Column({ name: 'failed_at', type: 'timestamptz' }) failedAt!: Date;
}

@Entity('counter')
export class CounterEntity {
  @PrimaryColumn('text') scope!: string;
  @PrimaryColumn('int') year!: number;
  @Column('int') value!: number;
}

/** Append-only, hash-chained record of every archived PDF. */
@Entity('archive_ledger')
export class LedgerEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq!: string;
  @Column({ name: 'document_id', type: 'uuid', unique: true }) documentId!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ name: 'element_id', type: 'text' }) elementId!: string;
  @Column({ name: 'template_id', type: 'text' }) templateId!: string;
  @Column({ name: 'template_version', type: 'int' }) templateVersion!: number;
  @Column({ type: 'text', nullable: true }) number!: string | null;
  @Column({ name: 'data_sha256', type: 'char', length: 64 }) dataSha256!: string;
  @Column({ name: 'pdf_sha256', type: 'char', length: 64 }) pdfSha256!: string;
  @Column({ name: 'prev_hash', type: 'char', length: 64 }) prevHash!: string;
  @Column({ name: 'entry_hash', type: 'char', length: 64 }) entryHash!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}

/** A template version exactly as it was used, so any issued document can be rendered again. */
@Entity('document_template')
export class DocumentTemplateEntity {
  @PrimaryColumn({ name: 'content_hash', type: 'char', length: 64 }) contentHash!: string;
  @Column({ name: 'template_id', type: 'text' }) templateId!: string;
  @Column('int') version!: number;
  /** manifest.json exactly as written, so the content hash can be recomputed. */
  @Column('text') manifest!: string;
  @Column('text') body!: string;
  @Column({ name: 'registered_at', type: 'timestamptz' }) registeredAt!: Date;
}

/** A template version published from the studio; the newest effective one replaces the file. */
@Entity('template_release')
export class TemplateReleaseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'template_id', type: 'text' }) templateId!: string;
  @Column('int') version!: number;
  @Column({ name: 'content_hash', type: 'char', length: 64 }) contentHash!: string;
  @Column({ name: 'effective_from', type: 'date' }) effectiveFrom!: string;
  @Column({ name: 'published_by', type: 'uuid', nullable: true }) publishedBy!: string | null;
  @Column({ name: 'published_at', type: 'timestamptz' }) publishedAt!: Date;
  /** The region whose cases the release governs (issue 14); null on releases made before it was recorded. */
  @Column({ name: 'scope_region', type: 'varchar', length: 12, nullable: true }) scopeRegion?: string | null;
}
