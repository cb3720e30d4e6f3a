import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsString, Length, Min } from 'class-validator';

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
