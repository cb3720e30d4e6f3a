import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { BlobStore } from '@app/archive';
import { DATABASE_CONFIG, DatabaseConfig } from '@app/persistence';
import { OrganSealSigners, readOrganSealsFile } from '@app/signing';
import { BLOB_STORE, DocumentPipeline, SEAL_SIGNERS, archiveDir } from './document-pipeline';
import { TemplateStore } from './template-store';
import { VerificationService } from './verification.service';

/** Document production: the template store, the render–sign–archive pipeline, and verification. */
@Module({
  providers: [
    TemplateStore,
    DocumentPipeline,
    VerificationService,
    {
      provide: SEAL_SIGNERS,
      inject: [DATABASE_CONFIG],
      useFactory: async (config: DatabaseConfig) =>
        new OrganSealSigners({
          organs: process.env.SEAL_ORGANS_FILE
            ? await readOrganSealsFile(process.env.SEAL_ORGANS_FILE)
            : undefined,
          dataDir: path.join(config.dataDir, 'keys'),
        }),
    },
    {
      provide: BLOB_STORE,
      inject: [DATABASE_CONFIG],
      useFactory: (c: DatabaseConfig) => new BlobStore(archiveDir(c.dataDir)),
    },
  ],
  exports: [TemplateStore, DocumentPipeline, VerificationService, BLOB_STORE, SEAL_SIGNERS],
})
export class IssuanceModule {}
