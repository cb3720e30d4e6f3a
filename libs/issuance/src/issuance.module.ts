import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { BlobStore } from '@app/archive';
import { DATABASE_CONFIG, DatabaseConfig } from '@app/persistence';
import { loadSealSignerFromConfig } from '@app/signing';
import { BLOB_STORE, DocumentPipeline, SEAL_SIGNER, archiveDir } from './document-pipeline';
import { TemplateStore } from './template-store';
import { VerificationService } from './verification.service';

/** Document production: the template store, the render–sign–archive pipeline, and verification. */
@Module({
  providers: [
    TemplateStore,
    DocumentPipeline,
    VerificationService,
    {
      provide: SEAL_SIGNER,
      inject: [DATABASE_CONFIG],
      useFactory: (config: DatabaseConfig) =>
        loadSealSignerFromConfig({
          p12Path: process.env.SEAL_P12_PATH || undefined,
          password: process.env.SEAL_P12_PASSWORD || undefined,
          dataDir: path.join(config.dataDir, 'keys'),
        }),
    },
    {
      provide: BLOB_STORE,
      inject: [DATABASE_CONFIG],
      useFactory: (c: DatabaseConfig) => new BlobStore(archiveDir(c.dataDir)),
    },
  ],
  exports: [TemplateStore, DocumentPipeline, VerificationService, BLOB_STORE, SEAL_SIGNER],
})
export class IssuanceModule {}
