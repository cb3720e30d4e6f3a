import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiProperty({ required: false, description: '案件 ID' })
  @IsOptional()
  @IsUUID('all', { message: 'caseId 应为 UUID' })
  caseId?: string;

  @ApiProperty({ required: false, description: '操作人用户 ID' })
  @IsOptional()
  @IsUUID('all', { message: 'actorId 应为 UUID' })
  actorId?: string;

  @ApiProperty({ required: false, example: 'case.', description: '操作类型（前缀）' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_.-]{0,60}$/, { message: 'action 只能包含小写字母、数字和 . _ -' })
  action?: string;

  @ApiProperty({ required: false, example: '2026-12-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from 应为 ISO 8601 时间' })
  from?: string;

  @ApiProperty({ required: false, example: '2026-12-02T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to 应为 ISO 8601 时间' })
  to?: string;

  @ApiProperty({ required: false, description: '上一页返回的 nextBefore' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'before 应为审计条目编号' })
  before?: string;

  @ApiProperty({ required: false, default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit 应为整数' })
  @Min(1, { message: 'limit 至少为 1' })
  @Max(500, { message: 'limit 至多为 500' })
  limit?: number;
}
