import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, Clock } from '@app/common';
import { Database, ProcessDefinitionEntity } from '@app/persistence';
import { BpmnElement, validateModel } from './model';
import { ServiceRegistry } from './service-registry';

export interface DeployResult {
  definition: ProcessDefinitionEntity;
  created: boolean;
}

/**
 * Deploys BPMN models. A model is versioned by its content: the same bytes deploy to the same
 * version, changed bytes to the next one; running cases keep the version they started on.
 */
@Injectable()
export class DefinitionService {
  private readonly logger = new Logger('DefinitionService');

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ServiceRegistry) private readonly services: ServiceRegistry,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async deployDirectory(dir: string): Promise<DeployResult[]> {
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bpmn'))
      .sort();
    const results: DeployResult[] = [];
    for (const file of files) {
      results.push(await this.deploy(fs.readFileSync(path.join(dir, file), 'utf8'), file));
    }
    for (const r of results) {
      this.logger.log(`${r.definition.key} v${r.definition.version}${r.created ? '（新版本）' : ''}`);
    }
    return results;
  }

  async deploy(xml: string, fileName = 'model.bpmn'): Promise<DeployResult> {
    const report = await validateModel(xml, {
      services: this.services.names(),
      templates: this.services.templateIds(),
    });
    if (!report.ok) {
      throw AppError.validation(
        `流程模型 ${fileName} 无法部署：${report.errors[0].message}`,
        report.errors.map((e: { elementId?: string; message: string }) => ({
          field: e.elementId ?? fileName,
          message: e.message,
        })),
      );
    }
    const process = ((report.definitions?.rootElements as BpmnElement[] | undefined) ?? []).find(
      (e) => e.$type === 'bpmn:Process',
    )!;
    const key = process.id!;
    const name = process.name ?? key;
    const contentHash = createHash('sha256').update(xml.replace(/\r\n/g, '\n')).digest('hex');
    return this.db.transaction(async (em) => {
      const repo = em.getRepository(ProcessDefinitionEntity);
      // Serializes concurrent deploys of one key so two never take the same version number.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
      const same = await repo.findOne({ where: { key, contentHash } });
      if (same) return { definition: same, created: false };
      const latest = await repo.findOne({ where: { key }, order: { version: 'DESC' } });
      const definition: ProcessDefinitionEntity = {
        id: randomUUID(),
        key,
        version: (latest?.version ?? 0) + 1,
        name,
        contentHash,
        source: xml,
        deployedAt: this.clock.now(),
      };
      await repo.insert(definition);
      return { definition, created: true };
    });
  }

  async latest(em: EntityManager, key: string): Promise<ProcessDefinitionEntity> {
    const found = await em
      .getRepository(ProcessDefinitionEntity)
      .findOne({ where: { key }, order: { version: 'DESC' } });
    if (!found) throw AppError.notFound(`流程“${key}”尚未部署`);
    return found;
  }

  list(): Promise<ProcessDefinitionEntity[]> {
    return this.db.read((em) =>
      em.getRepository(ProcessDefinitionEntity).find({
        select: ['id', 'key', 'version', 'name', 'contentHash', 'deployedAt'],
        order: { key: 'ASC', version: 'DESC' },
      }),
    );
  }
}
