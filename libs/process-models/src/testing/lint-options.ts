/** The lint options the running app passes, read from templates/ (test support only). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LintModelOptions } from '../lint-model';

const TEMPLATES = path.join(__dirname, '../../../../templates');

interface Manifest {
  id: string;
  remedy?: boolean;
  delivery?: string;
  recordsService?: boolean;
}

export const MODEL_SERVICE_NAMES = [
  'document.issue',
  'assessment.evaluate',
  'selfcare.assess',
  'sampling.draw',
  'case.urgency',
  'linshi.approvalLevel',
  'monitoring.match',
  'monitoring.referApplication',
  'monitoring.startApplication',
  'benefit.plan',
  'benefit.apply',
  'penalty.assess',
];

export function modelLintOptions(): LintModelOptions {
  const manifests = fs
    .readdirSync(TEMPLATES)
    .filter((d) => fs.existsSync(path.join(TEMPLATES, d, 'manifest.json')))
    .map((d) => JSON.parse(fs.readFileSync(path.join(TEMPLATES, d, 'manifest.json'), 'utf8')) as Manifest);
  return {
    services: MODEL_SERVICE_NAMES,
    templates: manifests.map((m) => m.id),
    remedyTemplates: manifests.filter((m) => m.remedy === true).map((m) => m.id),
    servedTemplates: manifests.filter((m) => m.delivery === 'served').map((m) => m.id),
    serviceRecordTemplates: manifests.filter((m) => m.recordsService === true).map((m) => m.id),
  };
}
