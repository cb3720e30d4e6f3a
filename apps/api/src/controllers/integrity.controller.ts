import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BlobStore, verifyArchive } from '@app/archive';
import { AuditService } from '@app/audit';
import { Roles } from '@app/auth';
import { BLOB_STORE } from '@app/cases';
import { Database } from '@app/persistence';

@ApiTags('完整性校验')
@ApiBearerAuth()
@Controller('integrity')
export class IntegrityController {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  /**
   * Checks the audit record's hash chain and the archive (ledger chain, every archived PDF re-hashed,
   * document rows against the ledger); `ok` only when both hold.
   */
  @Get()
  @Roles('admin', 'auditor')
  async verify() {
    const audit = await this.audit.verify();
    const archive = await this.db.read((em) => verifyArchive(em, this.blobs));
    return { ok: audit.ok && archive.ok, audit, archive };
  }
}
