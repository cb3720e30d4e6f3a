/** Response bodies of the routes in controllers/tasks.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';
import { AssessmentStatusDto, CaseOverlapDto, FormFieldDto } from './shared.response';
import { FieldProblemDto } from './error.response';

export class UrgencyDto {
  @ApiProperty({ enum: ['red', 'yellow', 'green', 'orange'] })
  level!: 'red' | 'yellow' | 'green' | 'orange';

  @ApiProperty({ type: String })
  label!: string;
}

export class InboxItemDto {
  @ApiProperty({ type: String })
  taskId!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String })
  elementId!: string;

  @ApiProperty({ type: String, nullable: true })
  dueDate!: string | null;

  @ApiProperty({ type: Boolean })
  dueDateCertain!: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String })
  caseId!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: String })
  applicantName!: string;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String, nullable: true })
  townshipName!: string | null;

  @ApiProperty({ type: String })
  program!: string;

  @ApiProperty({ type: Number, nullable: true })
  hardshipIndex!: number | null;

  @ApiProperty({ type: String, nullable: true })
  legalBasis!: string | null;

  @ApiProperty({ type: () => UrgencyDto })
  urgency!: UrgencyDto;

  @ApiProperty({
    enum: ['red', 'yellow', 'blue', 'green'],
    nullable: true,
    description: 'Four-colour urgency tag of the case (四色), null when untagged.',
  })
  caseUrgency!: 'red' | 'yellow' | 'blue' | 'green' | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Why the duty rules stop this user from doing the task (职责分离 or 回避); null when they may.',
  })
  blockedReason!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Who holds the task; null while it waits in the group inbox.',
  })
  assignee!: string | null;

  @ApiProperty({ type: String, nullable: true })
  assigneeName!: string | null;
}

export class TaskDetailDto {
  @ApiProperty({ type: String, nullable: true })
  legalBasis!: string | null;

  @ApiProperty({ type: () => UrgencyDto })
  urgency!: UrgencyDto;

  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ enum: ['open', 'completed', 'cancelled'] })
  status!: 'open' | 'completed' | 'cancelled';

  @ApiProperty({ type: String, isArray: true })
  candidateGroups!: string[];

  @ApiProperty({ type: () => FormFieldDto, isArray: true })
  form!: FormFieldDto[];

  @ApiProperty({ type: String, nullable: true })
  dueDate!: string | null;

  @ApiProperty({ type: Boolean })
  dueDateCertain!: boolean;

  @ApiProperty({ type: String })
  caseId!: string;

  @ApiProperty({ type: String })
  caseNo!: string;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ type: String, nullable: true, description: 'Who holds the task (由某某办理中)' })
  assignee!: string | null;

  @ApiProperty({ type: String, nullable: true })
  assigneeName!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: "This user's saved draft of the form",
  })
  draft!: Record<string, unknown> | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "Where the form starts: the assessment and the previous step's proposal, in the form's input shape.",
  })
  prefill!: Record<string, unknown>;

  @ApiProperty({
    type: () => DecisionBasisOptionDto,
    isArray: true,
    description:
      '决定步骤（有“法律依据”字段）各答案将出具的决定书及其模板的默认法律依据；改选答案时表单据此预填法律依据',
  })
  decisionBases!: DecisionBasisOptionDto[];

  @ApiProperty({ type: () => AssessmentStatusDto })
  assessmentStatus!: AssessmentStatusDto;

  @ApiProperty({ type: () => CaseOverlapDto, isArray: true })
  overlaps!: CaseOverlapDto[];

  @ApiProperty({
    type: () => TaskPrerequisiteDto,
    isArray: true,
    description: '模型声明的前提（sa:requires）及是否已满足；未满足时提交被拒绝',
  })
  prerequisites!: TaskPrerequisiteDto[];
}

export class DecisionBasisOptionDto {
  @ApiProperty({ type: String, description: '表单字段，如 decision' })
  field!: string;

  @ApiProperty({ type: String, description: '该字段的选项，如 refuse' })
  value!: string;

  @ApiProperty({ type: String, description: '选中该选项时出具的决定书模板' })
  templateId!: string;

  @ApiProperty({ type: String })
  title!: string;

  @ApiProperty({ type: String, description: '该模板现行版本的默认法律依据' })
  legalBasis!: string;
}

export class TaskPrerequisiteDto {
  @ApiProperty({ type: String, description: '前提，如 economics（家庭经济状况已保存）' })
  key!: string;

  @ApiProperty({ type: Boolean })
  met!: boolean;

  @ApiProperty({ type: String })
  message!: string;
}

export class CompleteResultOpenedTasksDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  name!: string;

  @ApiProperty({ type: String, isArray: true })
  candidateGroups!: string[];

  @ApiProperty({ type: String, nullable: true })
  dueDate!: string | null;
}

export class CompleteResultDto {
  @ApiProperty({ type: String })
  caseId!: string;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ type: Boolean })
  ended!: boolean;

  @ApiProperty({ type: String, nullable: true })
  outcome!: string | null;

  @ApiProperty({ type: () => CompleteResultOpenedTasksDto, isArray: true })
  openedTasks!: CompleteResultOpenedTasksDto[];
}

export class TaskHolderDto {
  @ApiProperty({ type: String, nullable: true })
  assignee!: string | null;

  @ApiProperty({ type: String, nullable: true })
  assigneeName!: string | null;
}

export class TaskDraftResultDto {
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  data!: Record<string, unknown> | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt!: string | null;
}

export class TaskDraftSavedDto {
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export class BulkResultDto {
  @ApiProperty({ type: String })
  taskId!: string;

  @ApiProperty({ type: String, nullable: true })
  caseNo!: string | null;

  @ApiProperty({ type: Boolean })
  ok!: boolean;

  @ApiProperty({ type: String, required: false })
  code?: string;

  @ApiProperty({ type: String, required: false })
  message?: string;

  @ApiProperty({ type: () => FieldProblemDto, isArray: true, required: false })
  details?: FieldProblemDto[];
}

export class DelegationDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  delegatorId!: string;

  @ApiProperty({ type: String })
  delegatorName!: string;

  @ApiProperty({ type: String })
  delegateId!: string;

  @ApiProperty({ type: String })
  delegateName!: string;

  @ApiProperty({ type: String })
  startsOn!: string;

  @ApiProperty({ type: String })
  endsOn!: string;

  @ApiProperty({ type: String })
  reason!: string;

  @ApiProperty({ type: String })
  createdBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: string | null;
}

export class CaseworkStaffDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  displayName!: string;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String, isArray: true })
  duties!: string[];

  @ApiProperty({ type: String, description: '职责的中文名，如“窗口受理员”' })
  roleName!: string;
}
