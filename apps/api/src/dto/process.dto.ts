import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

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
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '生效日期应为 YYYY-MM-DD' })
  effectiveFrom?: string;
}

export class LintProcessDto {
  @ApiProperty({ description: 'BPMN 2.0 XML' })
  @IsString({ message: '模型内容必须是文字' })
  @MaxLength(2_000_000, { message: '模型文件不能超过2MB' })
  xml!: string;
}
