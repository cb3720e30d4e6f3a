import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
} from 'class-validator';

export class CompleteTaskDto {
  @ApiProperty({ description: '表单数据，字段由流程模型中该环节的表单定义', example: { decision: 'accept' } })
  @IsObject({ message: '表单数据必须是对象' })
  data!: Record<string, unknown>;

  @ApiProperty({ required: false, description: '读取任务时的案件版本；不一致时返回409' })
  @IsOptional()
  @IsInt({ message: '版本号必须是整数' })
  @Min(0, { message: '版本号不能为负数' })
  expectedVersion?: number;
}

export class LoginDto {
  @ApiProperty({ example: 'clerk' })
  @IsString({ message: '用户名必须是文字' })
  @Length(1, 64, { message: '用户名长度应为1–64个字符' })
  username!: string;

  @ApiProperty({ example: 'demo1234' })
  @IsString({ message: '密码必须是文字' })
  @Length(1, 128, { message: '密码长度应为1–128个字符' })
  password!: string;
}

export class AssignTaskDto {
  @ApiProperty({ type: String, nullable: true, description: '接办的工作人员账号 ID；null 表示退回组内待办' })
  @IsOptional()
  @IsUUID('all', { message: '接办人应为账号 ID' })
  assigneeId!: string | null;

  @ApiProperty({ description: '改派理由' })
  @IsString({ message: '改派理由必须是文字' })
  @Length(1, 500, { message: '改派理由应为1–500个字符' })
  reason!: string;
}

export class TaskDraftDto {
  @ApiProperty({ description: '尚未提交的表单内容', example: { opinion: '经入户调查…' } })
  @IsObject({ message: '草稿必须是对象' })
  data!: Record<string, unknown>;
}

export class BulkTasksDto {
  @ApiProperty({ enum: ['claim', 'assign', 'complete'], description: '认领、改派或以同一表单办理' })
  @IsIn(['claim', 'assign', 'complete'], { message: '批量操作只能是 claim、assign 或 complete' })
  action!: 'claim' | 'assign' | 'complete';

  @ApiProperty({ type: String, isArray: true, description: '任务 ID，1–200 个' })
  @IsArray({ message: '任务列表必须是数组' })
  @ArrayMinSize(1, { message: '请至少选择一个任务' })
  @ArrayMaxSize(200, { message: '一次至多200个任务' })
  @IsUUID('all', { each: true, message: '任务 ID 格式不正确' })
  taskIds!: string[];

  @ApiProperty({ required: false, description: '办理（complete）时每个任务共用的表单数据' })
  @IsOptional()
  @IsObject({ message: '表单数据必须是对象' })
  data?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: '每个案件各自取值的字段，如 { recipient: "applicantName" }（受送达人为各案申请人）',
  })
  @IsOptional()
  @IsObject({ message: '逐案取值必须是对象' })
  fill?: Record<string, 'applicantName' | 'applicantAddress'>;

  @ApiProperty({ required: false, type: String, nullable: true, description: '改派（assign）的接办人' })
  @IsOptional()
  @IsUUID('all', { message: '接办人应为账号 ID' })
  assigneeId?: string | null;

  @ApiProperty({ required: false, description: '改派（assign）理由' })
  @IsOptional()
  @IsString({ message: '改派理由必须是文字' })
  reason?: string;
}

export class CreateDelegationDto {
  @ApiProperty({ required: false, description: '委托人账号 ID；省略为本人（主管可为本地区人员设置）' })
  @IsOptional()
  @IsUUID('all', { message: '委托人应为账号 ID' })
  delegatorId?: string;

  @ApiProperty({ description: '受托人账号 ID' })
  @IsUUID('all', { message: '受托人应为账号 ID' })
  delegateId!: string;

  @ApiProperty({ example: '2026-12-01', description: '开始日期' })
  @IsString({ message: '开始日期必须是文字' })
  startsOn!: string;

  @ApiProperty({ example: '2026-12-07', description: '结束日期（含）' })
  @IsString({ message: '结束日期必须是文字' })
  endsOn!: string;

  @ApiProperty({ description: '委托事由，如休假、出差' })
  @IsString({ message: '委托事由必须是文字' })
  @Length(1, 500, { message: '委托事由应为1–500个字符' })
  reason!: string;
}
