import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { IsCalendarDate } from '../http/calendar-date';

/** An object of element id → element id, both BPMN ids. */
@ValidatorConstraint({ name: 'elementIdMap' })
class StringMapConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
    const entries = Object.entries(value as Record<string, unknown>);
    const id = /^[A-Za-z_][\w.-]{0,199}$/;
    return (
      entries.length <= 1000 && entries.every(([k, v]) => id.test(k) && typeof v === 'string' && id.test(v))
    );
  }
  defaultMessage(): string {
    return '元素映射的键和值都应为元素 id（字母或下划线开头）';
  }
}

export class DeployProcessDto {
  @ApiProperty({ description: 'BPMN 2.0 XML' })
  @IsString({ message: '模型内容必须是文字' })
  @MaxLength(2_000_000, { message: '模型文件不能超过2MB' })
  xml!: string;

  @ApiProperty({ required: false, example: 'dibao-application.bpmn' })
  @IsOptional()
  @Matches(/^[\w.-]{1,100}\.bpmn$/, { message: '文件名只能包含字母、数字、点、横线，并以 .bpmn 结尾' })
  fileName?: string;
}

export class DeployVersionDto extends DeployProcessDto {
  @ApiProperty({
    required: false,
    example: '2026-12-01',
    description: '生效日期，默认今天；之前新案件仍用旧版本',
  })
  @IsOptional()
  @IsCalendarDate('生效日期')
  effectiveFrom?: string;

  @ApiProperty({
    required: false,
    example: '入户调查时限由10个工作日调整为15个工作日（省厅通知）',
    description: '变更说明，与部署人一起保存',
  })
  @IsOptional()
  @IsString({ message: '变更说明必须是文字' })
  @MaxLength(2000, { message: '变更说明不能超过2000字' })
  changeNote?: string;
}

export class CreateDraftDto {
  @ApiProperty({ enum: ['blank', 'copy', 'import'], description: '空白模型、复制现有流程或导入文件' })
  @IsIn(['blank', 'copy', 'import'], { message: '新建方式应为 blank、copy 或 import' })
  from!: 'blank' | 'copy' | 'import';

  @ApiProperty({ required: false, example: 'dibao-application-2027', description: '流程标识（blank、copy）' })
  @IsOptional()
  @Matches(/^[A-Za-z_][\w.-]{0,99}$/, {
    message: '流程标识只能包含字母、数字、下划线、点和横线，并以字母或下划线开头',
  })
  key?: string;

  @ApiProperty({ required: false, example: '低保申请审核确认' })
  @IsOptional()
  @IsString({ message: '流程名称必须是文字' })
  @MaxLength(200, { message: '流程名称不能超过200字' })
  name?: string;

  @ApiProperty({ required: false, description: '要复制的流程版本 id（copy）' })
  @IsOptional()
  @IsUUID('all', { message: '流程版本 id 格式不正确' })
  definitionId?: string;

  @ApiProperty({ required: false, description: '导入的 BPMN 2.0 XML（import）' })
  @IsOptional()
  @IsString({ message: '模型内容必须是文字' })
  @MaxLength(2_000_000, { message: '模型文件不能超过2MB' })
  xml?: string;

  @ApiProperty({ required: false, example: 'dibao-application.bpmn' })
  @IsOptional()
  @Matches(/^[^/\\]{1,100}\.bpmn$/, { message: '文件名应以 .bpmn 结尾，且不超过100字' })
  fileName?: string;
}

export class LintProcessDto {
  @ApiProperty({ description: 'BPMN 2.0 XML' })
  @IsString({ message: '模型内容必须是文字' })
  @MaxLength(2_000_000, { message: '模型文件不能超过2MB' })
  xml!: string;
}

export class MigrateProcessDto {
  @ApiProperty({ example: 3, description: '目标版本号' })
  @IsInt({ message: '目标版本号应为正整数' })
  @Min(1, { message: '目标版本号应为正整数' })
  toVersion!: number;

  @ApiProperty({ type: [String], description: '要迁移的案件 id' })
  @IsArray({ message: '案件列表应为数组' })
  @ArrayNotEmpty({ message: '请至少选择一个案件' })
  @ArrayMaxSize(500, { message: '一次最多迁移 500 个案件' })
  @IsUUID('all', { each: true, message: '案件 id 格式不正确' })
  caseIds!: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { Task_Check: 'Task_Review' },
    description: '原版本元素 id → 目标版本元素 id；目标版本有同 id 元素的可不写',
  })
  @IsObject({ message: '元素映射应为对象（原元素 id → 新元素 id）' })
  @Validate(StringMapConstraint)
  mapping!: Record<string, string>;

  @ApiProperty({ required: false, description: '迁移原因（实际迁移时必填），记入每个迁移案件' })
  @IsOptional()
  @IsString({ message: '迁移原因应为文字' })
  @MaxLength(500, { message: '迁移原因不超过 500 字' })
  reason?: string;

  @ApiProperty({
    required: false,
    description: '目标版本在案件申请之后才施行时，适用它的法律依据（如新规定的过渡条款）',
  })
  @IsOptional()
  @IsString({ message: '法律依据应为文字' })
  @MaxLength(500, { message: '法律依据不超过 500 字' })
  legalBasis?: string;

  @ApiProperty({ required: false, description: '只检查，不迁移' })
  @IsOptional()
  @IsBoolean({ message: 'dryRun 应为 true/false' })
  dryRun?: boolean;
}

export class RetireProcessDto {
  @ApiProperty({ example: '2026-12-10', description: '停用日期：自该日起不再受理新案件（不能早于今天）' })
  @IsCalendarDate('停用日期')
  effectiveFrom!: string;

  @ApiProperty({
    example: '改为监测预警流程受理，原申请流程停用',
    description: '停用理由（必填，记入执法记录）',
  })
  @IsString({ message: '请填写停用理由' })
  @Matches(/\S/, { message: '请填写停用理由' })
  @MaxLength(500, { message: '停用理由不能超过500字' })
  reason!: string;
}
