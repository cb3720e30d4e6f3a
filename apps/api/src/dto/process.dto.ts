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
