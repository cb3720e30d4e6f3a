import { Module } from '@nestjs/common';
import { IssuanceModule } from '@app/issuance';
import { CasesModule } from '@app/cases';
import { AttachmentService } from './attachments/attachment.service';
import { CaseFileService } from './case-file.service';

/** The case's papers: uploaded attachments (材料) and the bound 案卷 with its table of contents. */
@Module({
  imports: [IssuanceModule, CasesModule],
  providers: [AttachmentService, CaseFileService],
  exports: [AttachmentService, CaseFileService],
})
export class CaseFileModule {}
