/** The studio's calls to the API, typed by what the pages read. */
import { api } from '@web/api/client';
import { cnDateTime } from '@web/shared/china-time';
import { appToday } from '@web/shared/app-clock';
import type {
  CaseMigrationReport,
  ChangeSummary,
  CreateDraft,
  ModelChange,
  ProcessDraft,
  ProcessDraftSummary,
  ProcessVersionRow,
  DeployedProcess,
  LintIssue,
  LintReport,
  MigrationCandidate,
  MigrationCandidates,
  MigrationReport,
  ProcessDefinition,
  TemplateDetail,
  TemplateLint,
  TemplatePublished,
  TemplateSummary,
  WaitingElement,
} from '@web/api/types';
/** A row of the version list (author, note, program, kind, who takes applications). */
export type ProcessVersion = ProcessVersionRow;
export type {
  ChangeSummary,
  ModelChange,
  ProcessDefinition,
  ProcessDraft,
  ProcessDraftSummary,
  LintIssue,
  LintReport,
  TemplateSummary,
  TemplateDetail,
  WaitingElement,
  MigrationCandidate,
  MigrationCandidates,
  CaseMigrationReport,
  MigrationReport,
};

export const studioApi = {
  processes: () => api.get<ProcessVersion[]>('/api/processes'),
  process: (id: string) => api.get<ProcessDefinition>(`/api/processes/${id}`),
  lint: (xml: string) => api.post<LintReport>('/api/processes/lint', { xml }),
  deploy: (xml: string, fileName: string, effectiveFrom: string, changeNote: string) =>
    api.post<DeployedProcess>('/api/processes', { xml, fileName, effectiveFrom, changeNote }),
  changes: (xml: string) => api.post<ChangeSummary>('/api/processes/changes', { xml }),
  drafts: () => api.get<ProcessDraftSummary[]>('/api/processes/drafts'),
  draft: (id: string) => api.get<ProcessDraft>(`/api/processes/drafts/${id}`),
  createDraft: (body: CreateDraft) => api.post<ProcessDraft>('/api/processes/drafts', body),
  saveDraft: (id: string, xml: string) => api.put<ProcessDraft>(`/api/processes/drafts/${id}`, { xml }),
  deleteDraft: (id: string) => api.del<void>(`/api/processes/drafts/${id}`),
  migrationCandidates: (key: string) =>
    api.get<MigrationCandidates>(`/api/processes/${encodeURIComponent(key)}/migrations`),
  migrate: (
    key: string,
    body: {
      toVersion: number;
      caseIds: string[];
      mapping: Record<string, string>;
      reason?: string;
      legalBasis?: string;
      dryRun: boolean;
    },
  ) => api.post<MigrationReport>(`/api/processes/${encodeURIComponent(key)}/migrations`, body),
  templates: () => api.get<TemplateSummary[]>('/api/templates'),
  template: (id: string) => api.get<TemplateDetail>(`/api/templates/${id}`),
  lintTemplate: (manifest: unknown, body: string) =>
    api.post<TemplateLint>('/api/templates/lint', {
      manifest,
      body,
    }),
  preview: (manifest: unknown, body: string, data: unknown) =>
    api.blob('/api/templates/preview', { method: 'POST', body: { manifest, body, data } }),
  publishTemplate: (id: string, manifest: unknown, body: string, effectiveFrom: string) =>
    api.post<TemplatePublished>(`/api/templates/${id}`, {
      manifest,
      body,
      effectiveFrom,
    }),
};

/** The application's today in China, the default effective date (the server checks against it). */
export function chinaToday(): string {
  return appToday();
}

export function formatTime(iso: string): string {
  return cnDateTime(iso, { seconds: true });
}
