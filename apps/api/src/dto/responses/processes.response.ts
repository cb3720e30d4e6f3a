/** Response bodies of the routes in controllers/processes.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class MigrationTargetVersionDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({
    type: String,
    description:
      'New cases start on the highest version whose effective date has come (YYYY-MM-DD, China time).',
  })
  effectiveFrom!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  deployedAt!: string;
}

export class WaitingElementDto {
  @ApiProperty({ type: String })
  elementId!: string;

  @ApiProperty({ enum: ['task', 'timer'] })
  kind!: 'task' | 'timer';

  @ApiProperty({ type: String })
  name!: string;
}

export class MigrationCandidateDto {
  @ApiProperty({ type: String })
  caseId!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  instanceId!: string;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ type: String })
  definitionId!: string;

  @ApiProperty({ type: () => WaitingElementDto, isArray: true })
  waiting!: WaitingElementDto[];
}

export class MigrationCandidatesDto {
  @ApiProperty({ type: () => MigrationTargetVersionDto, isArray: true })
  versions!: MigrationTargetVersionDto[];

  @ApiProperty({ type: () => MigrationCandidateDto, isArray: true })
  cases!: MigrationCandidateDto[];
}

export class CaseMigrationReportWaitingDto {
  @ApiProperty({ type: String })
  elementId!: string;

  @ApiProperty({ enum: ['task', 'timer'] })
  kind!: 'task' | 'timer';

  @ApiProperty({ type: String })
  name!: string;
}

export class MigrationProblemDto {
  @ApiProperty({
    type: String,
    description: 'Where the problem is: `mapping.<elementId>` or the instance itself (`instance`).',
  })
  field!: string;

  @ApiProperty({ type: String })
  message!: string;
}

export class CaseMigrationReportDto {
  @ApiProperty({ type: String })
  caseId!: string;

  @ApiProperty({ type: String, nullable: true })
  caseNo!: string | null;

  @ApiProperty({ type: String, nullable: true })
  instanceId!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  fromVersion!: number | null;

  @ApiProperty({ type: () => CaseMigrationReportWaitingDto, isArray: true })
  waiting!: CaseMigrationReportWaitingDto[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'old → new id of every element the case waits at.',
  })
  rename!: Record<string, string>;

  @ApiProperty({ type: () => MigrationProblemDto, isArray: true })
  problems!: MigrationProblemDto[];

  @ApiProperty({ type: Boolean })
  migrated!: boolean;
}

export class MigrationReportDto {
  @ApiProperty({ type: String })
  key!: string;

  @ApiProperty({ type: Number })
  toVersion!: number;

  @ApiProperty({ type: String })
  toDefinitionId!: string;

  @ApiProperty({ type: Boolean })
  dryRun!: boolean;

  @ApiProperty({ type: Boolean })
  ok!: boolean;

  @ApiProperty({ type: () => CaseMigrationReportDto, isArray: true })
  cases!: CaseMigrationReportDto[];
}

/** A deployed version as listed: everything but the BPMN source. */
export class ProcessVersionDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String, description: 'The BPMN process id, stable across versions.' })
  key!: string;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String })
  contentHash!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  deployedAt!: string;

  @ApiProperty({
    type: String,
    description:
      'New cases start on the highest version whose effective date has come (YYYY-MM-DD, China time).',
  })
  effectiveFrom!: string;
}

/** A deployed version with its BPMN source and the note its author wrote. */
export class ProcessDefinitionDto extends ProcessVersionDto {
  @ApiProperty({ type: String, description: 'The BPMN XML as deployed.' })
  source!: string;

  @ApiProperty({ type: String, nullable: true, required: false })
  changeNote?: string | null;
}

export class LintIssueDto {
  @ApiProperty({ enum: ['error', 'warning'] })
  severity!: 'error' | 'warning';

  @ApiProperty({ required: false, type: String })
  elementId?: string;

  @ApiProperty({ type: String })
  message!: string;
}

export class LintReportDto {
  @ApiProperty({ type: Boolean })
  ok!: boolean;

  @ApiProperty({ type: () => LintIssueDto, isArray: true })
  errors!: LintIssueDto[];

  @ApiProperty({ type: () => LintIssueDto, isArray: true })
  warnings!: LintIssueDto[];
}

export class DeployedProcessDto {
  @ApiProperty({ type: Boolean })
  created!: boolean;

  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String, description: 'The BPMN process id, stable across versions.' })
  key!: string;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String })
  contentHash!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  deployedAt!: string;

  @ApiProperty({
    type: String,
    description:
      'New cases start on the highest version whose effective date has come (YYYY-MM-DD, China time).',
  })
  effectiveFrom!: string;
}

/** A row of the studio's version list: who deployed it, why, and which version takes applications. */
export class ProcessVersionRowDto extends ProcessVersionDto {
  @ApiProperty({ type: String, nullable: true, description: '`sa:program` of the model.' })
  program!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: '`sa:kind`: application, procedure or monitoring.',
  })
  kind!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Display name of the deploying account.' })
  author!: string | null;

  @ApiProperty({ type: String, nullable: true })
  changeNote!: string | null;

  @ApiProperty({ type: Boolean, description: 'New cases of this key start on this version today.' })
  inEffect!: boolean;

  @ApiProperty({ type: Boolean, description: 'In effect today and an application process.' })
  takesApplications!: boolean;
}

export class ModelChangeDto {
  @ApiProperty({
    enum: ['step-added', 'step-removed', 'role', 'deadline', 'document', 'legal-basis', 'outcome', 'process'],
  })
  kind!:
    'step-added' | 'step-removed' | 'role' | 'deadline' | 'document' | 'legal-basis' | 'outcome' | 'process';

  @ApiProperty({ type: String })
  elementId!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String, required: false })
  before?: string;

  @ApiProperty({ type: String, required: false })
  after?: string;

  @ApiProperty({ type: String })
  text!: string;
}

export class ChangeBaseDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ type: String })
  effectiveFrom!: string;
}

export class ChangeSummaryDto {
  @ApiProperty({ type: () => ChangeBaseDto, nullable: true, description: 'The version compared against.' })
  against!: ChangeBaseDto | null;

  @ApiProperty({ type: () => ModelChangeDto, isArray: true })
  changes!: ModelChangeDto[];
}

export class ProcessDraftSummaryDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String })
  fileName!: string;

  @ApiProperty({ type: String, description: '`blank`, `copy:<definition id>` or `import`.' })
  origin!: string;

  @ApiProperty({ type: String })
  createdBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export class ProcessDraftDto extends ProcessDraftSummaryDto {
  @ApiProperty({ type: String, description: 'The BPMN XML as last saved (it may fail the deploy checks).' })
  source!: string;
}

export class ProcessRetirementDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String, description: 'The BPMN process id that is retired.' })
  processKey!: string;

  @ApiProperty({ type: String, description: 'From this date (YYYY-MM-DD) the key takes no new cases.' })
  effectiveFrom!: string;

  @ApiProperty({ type: String })
  reason!: string;

  @ApiProperty({ type: String })
  retiredBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  retiredAt!: string;
}
