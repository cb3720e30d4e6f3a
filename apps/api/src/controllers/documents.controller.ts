import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public } from '@app/auth';
import { CaseService, DocumentPipeline, VerificationService, documentSummary } from '@app/cases';
import { uuidPipe } from '../http/uuid.pipe';

@ApiTags('文书')
@Controller()
export class DocumentsController {
  constructor(
    private readonly cases: CaseService,
    private readonly pipeline: DocumentPipeline,
    private readonly verification: VerificationService,
  ) {}

  @ApiBearerAuth()
  @Get('documents/:id')
  async document(@CurrentUser() user: AuthUser, @Param('id', uuidPipe('id')) id: string) {
    return documentSummary(await this.cases.document(user, id));
  }

  @ApiBearerAuth()
  @Get('documents/:id/pdf')
  async pdf(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidPipe('id')) id: string,
    @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void },
  ) {
    const doc = await this.cases.document(user, id);
    const bytes = await this.pipeline.pdf(doc);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader(
      'Content-Disposition',
      `inline; filename*=UTF-8''${encodeURIComponent(`${doc.title}.pdf`)}`,
    );
    res.end(bytes);
  }

  @Public()
  @Get('verify/:code')
  verify(@Param('code') code: string) {
    return this.verification.verify(code);
  }
}
