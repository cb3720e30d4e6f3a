import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BlobStore, verifyArchive, verifyAttachments } from '@app/archive';
import { AuditService } from '@app/audit';
import { Requires } from '@app/auth';
import { BLOB_STORE } from '@app/issuance';
import { Database } from '@app/persistence';
import { IntegrityReportDto } from '../dto/responses/integrity.response';

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
   * Checks the audit record's hash chain, the archive (ledger chain, every archived PDF re-hashed,
   * document rows against the ledger) and every attachment file; `ok` only when all three hold.
   */
  @ApiOkResponse({ type: IntegrityReportDto })
  @Get()
  @Requires('integrity.verify')
  async verify() {
    const audit = await this.audit.verify();
    const { archive, attachments } = await this.db.read(async (em) => ({
      archive: await verifyArchive(em, this.blobs),
      attachments: await verifyAttachments(em, this.blobs),
    }));
    return { ok: audit.ok && archive.ok && attachments.ok, audit, archive, attachments };
  }
}
