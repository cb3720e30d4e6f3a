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

/** A deployed version with its BPMN source. */
export class ProcessDefinitionDto extends ProcessVersionDto {
  @ApiProperty({ type: String, description: 'The BPMN XML as deployed.' })
  source!: string;
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
