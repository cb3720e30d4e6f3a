/** The studio's calls to the API, typed by what the pages read. */
import { api } from '@web/api/client';
import { shanghaiDate } from '@shared/common/clock';

export interface ProcessVersion {
  id: string;
  key: string;
  version: number;
  name: string;
  contentHash: string;
  deployedAt: string;
  effectiveFrom: string;
}

export interface LintIssue {
  elementId?: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface LintReport {
  ok: boolean;
  errors: LintIssue[];
  warnings: LintIssue[];
}

export interface TemplateSummary {
  id: string;
  title: string;
  version: number;
  documentType: string;
  remedy: boolean;
  requiredElements?: string[];
}

export interface TemplateDetail extends TemplateSummary {
  manifest: Record<string, unknown>;
  body: string;
  sample: Record<string, unknown>;
  fileVersion: number;
  releases: { version: number; effectiveFrom: string; publishedAt: string }[];
  issues: { field: string; message: string }[];
}

export interface WaitingElement {
  elementId: string;
  kind: 'task' | 'timer';
  name: string;
}

export interface MigrationCandidate {
  caseId: string;
  caseNo: string;
  instanceId: string;
  version: number;
  definitionId: string;
  waiting: WaitingElement[];
}

export interface MigrationCandidates {
  versions: { id: string; version: number; effectiveFrom: string; deployedAt: string }[];
  cases: MigrationCandidate[];
}

export interface CaseMigrationReport {
  caseId: string;
  caseNo: string | null;
  fromVersion: number | null;
  waiting: WaitingElement[];
  rename: Record<string, string>;
  problems: { field: string; message: string }[];
  migrated: boolean;
}

export interface MigrationReport {
  key: string;
  toVersion: number;
  dryRun: boolean;
  ok: boolean;
  cases: CaseMigrationReport[];
}

export const studioApi = {
  processes: () => api.get<ProcessVersion[]>('/api/processes'),
  process: (id: string) => api.get<ProcessVersion & { source: string }>(`/api/processes/${id}`),
  lint: (xml: string) => api.post<LintReport>('/api/processes/lint', { xml }),
  deploy: (xml: string, fileName: string, effectiveFrom: string) =>
    api.post<ProcessVersion & { created: boolean }>('/api/processes', { xml, fileName, effectiveFrom }),
  migrationCandidates: (key: string) =>
    api.get<MigrationCandidates>(`/api/processes/${encodeURIComponent(key)}/migrations`),
  migrate: (
    key: string,
    body: { toVersion: number; caseIds: string[]; mapping: Record<string, string>; dryRun: boolean },
  ) => api.post<MigrationReport>(`/api/processes/${encodeURIComponent(key)}/migrations`, body),
  templates: () => api.get<TemplateSummary[]>('/api/templates'),
  template: (id: string) => api.get<TemplateDetail>(`/api/templates/${id}`),
  lintTemplate: (manifest: unknown, body: string) =>
    api.post<{ ok: boolean; issues: { field: string; message: string }[] }>('/api/templates/lint', {
      manifest,
      body,
    }),
  preview: (manifest: unknown, body: string, data: unknown) =>
    api.blob('/api/templates/preview', { method: 'POST', body: { manifest, body, data } }),
  publishTemplate: (id: string, manifest: unknown, body: string, effectiveFrom: string) =>
    api.post<{ version: number; effectiveFrom: string }>(`/api/templates/${id}`, {
      manifest,
      body,
      effectiveFrom,
    }),
};

/** Today in China (UTC+8) as YYYY-MM-DD, the default effective date. */
export function chinaToday(): string {
  return shanghaiDate(new Date());
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
