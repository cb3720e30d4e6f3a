import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { verifyLedger } from '@app/archive';
import { AuditService } from '@app/audit';
import { Roles } from '@app/auth';
import { Database } from '@app/persistence';

@ApiTags('完整性校验')
@ApiBearerAuth()
@Controller('integrity')
export class IntegrityController {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  /** Checks the audit record's hash chain and the archive ledger; `ok` only when both hold. */
  @Get()
  @Roles('admin', 'auditor')
  async verify() {
    const audit = await this.audit.verify();
    const archive = await this.db.read((em) => verifyLedger(em));
    return { ok: audit.ok && archive.ok, audit, archive };
  }
}
