import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsOptional, Matches } from 'class-validator';

export class StartProcedureDto {
  @ApiProperty({
    description: '要发起的程序流程（GET /api/cases/:id/procedures 的 available[].processKey）',
    example: 'dibao-review',
  })
  @Matches(/^[A-Za-z][\w.-]{0,99}$/, { message: '流程标识格式不正确' })
  processKey!: string;

  @ApiProperty({ required: false, description: '流程开始表单的填写内容，按流程模型校验' })
  @IsOptional()
  @IsObject({ message: '必须是对象' })
  data?: Record<string, unknown>;
}
