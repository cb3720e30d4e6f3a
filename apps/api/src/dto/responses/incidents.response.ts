import { ApiProperty } from '@nestjs/swagger';

/** A run-time failure or a stalled case (流程故障). */
export class IncidentDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  instanceId!: string;

  @ApiProperty({ type: String, nullable: true })
  caseId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  caseNo!: string | null;

  @ApiProperty({ type: String, nullable: true })
  regionCode!: string | null;

  @ApiProperty({ type: String, description: '故障所在的流程版本（用于显示流程图）' })
  definitionId!: string;

  @ApiProperty({ type: String })
  definitionKey!: string;

  @ApiProperty({ type: Number })
  definitionVersion!: number;

  @ApiProperty({ enum: ['task', 'timer', 'stalled'], description: '办理失败、定时器失败或流程停滞' })
  kind!: 'task' | 'timer' | 'stalled';

  @ApiProperty({ type: String, nullable: true, description: '出错的流程元素 id（在流程图上高亮）' })
  elementId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  elementName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  taskId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  timerId!: string | null;

  @ApiProperty({ type: String, description: '原因（中文）' })
  cause!: string;

  @ApiProperty({ type: String, description: '引擎的原始错误信息' })
  rawError!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  payload!: Record<string, unknown> | null;

  @ApiProperty({ enum: ['open', 'resolved'] })
  status!: 'open' | 'resolved';

  @ApiProperty({ type: Number, description: '同一故障出现的次数' })
  occurrences!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  lastSeenAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  resolvedBy!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '解除原因' })
  resolution!: string | null;
}

/** The case page's notice of an open incident, in plain words. */
export class CaseIncidentNoticeDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  elementName!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  since!: string;

  @ApiProperty({ type: String })
  message!: string;
}
