import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AttachmentKind = 'home_visit_photo' | 'scan' | 'other';

/**
 * A file kept with a case (home-visit photo, scanned material). Never deleted — it is part of
 * the legal record; a wrong upload is marked void with a reason instead.
 */
@Entity('attachment')
export class AttachmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column('text') kind!: AttachmentKind;
  @Column({ name: 'file_name', type: 'text' }) fileName!: string;
  @Column({ name: 'content_type', type: 'text' }) contentType!: string;
  @Column({ name: 'size_bytes', type: 'int' }) sizeBytes!: number;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  /** Key of the bytes in the archive's blob store (today the store is keyed by sha256). */
  @Column({ name: 'blob_key', type: 'text' }) blobKey!: string;
  @Column({ name: 'thumbnail_blob_key', type: 'text', nullable: true }) thumbnailBlobKey!: string | null;
  @Column({ name: 'taken_at', type: 'timestamptz', nullable: true }) takenAt!: Date | null;
  @Column({ type: 'text', nullable: true }) place!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'uploaded_by', type: 'uuid' }) uploadedBy!: string;
  @Column({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt!: Date;
  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true }) voidedAt!: Date | null;
  @Column({ name: 'voided_by', type: 'uuid', nullable: true }) voidedBy!: string | null;
  @Column({ name: 'void_reason', type: 'text', nullable: true }) voidReason!: string | null;
}
