import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** One audit writer for the whole application (sign-in records as much as case work). */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
