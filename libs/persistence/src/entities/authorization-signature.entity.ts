import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An applicant's online signature of the 家庭经济状况核对授权书: who signed, when, and the exact
 * text they read (kept verbatim with its hash), so the consent can be proven later. Append-only.
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
}
