import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
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
