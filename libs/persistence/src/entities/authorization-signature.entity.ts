import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A household member's signature of the 家庭经济状况核对授权书: who signed, when, how (online, or
 * on paper at the window with its scan), and the exact text (kept verbatim with its hash), so the
 * consent can be proven later. One per member of a case; append-only.
 */
@Entity('authorization_signature')
export class AuthorizationSignatureEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ name: 'signer_name', type: 'text' }) signerName!: string;
  @Column({ name: 'signer_id_number', type: 'varchar', length: 18 }) signerIdNumber!: string;
  @Column({ name: 'signed_by', type: 'uuid' }) signedBy!: string;
  @Column({ name: 'signed_at', type: 'timestamptz' }) signedAt!: Date;
  @Column({ name: 'template_id', type: 'text' }) templateId!: string;
  @Column({ name: 'template_version', type: 'int' }) templateVersion!: number;
  @Column({ name: 'template_hash', type: 'char', length: 64 }) templateHash!: string;
  @Column({ name: 'text_hash', type: 'char', length: 64 }) textHash!: string;
  /** The rendered line markup the signer was shown. */
  @Column('text') text!: string;
  @Column({ name: 'user_agent', type: 'text', nullable: true }) userAgent!: string | null;
  @Column({ type: 'text', nullable: true }) ip!: string | null;
  /** 'online' (signed in the portal) or 'window' (signed on paper; the clerk recorded it). */
  @Column({ type: 'text', default: 'online' }) method!: 'online' | 'window';
  /** The scan of the paper signature, for a window signature. */
  @Column({ name: 'attachment_id', type: 'uuid', nullable: true }) attachmentId!: string | null;
}
