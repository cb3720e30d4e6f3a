/** The body of every error answer (http/error.filter.ts), in Chinese. */
import { ApiProperty } from '@nestjs/swagger';

/** One offending field and what is wrong with it, for the form to show next to the field. */
export class FieldProblemDto {
  @ApiProperty({ type: String, example: 'members[1].idNumber' })
  field!: string;

  @ApiProperty({ type: String, example: '身份证号校验位不正确' })
  message!: string;
}

export class ApiErrorBodyDto {
  @ApiProperty({ type: String, example: 'VALIDATION_FAILED' })
  code!: string;

  @ApiProperty({ type: String, example: '请检查填写的内容' })
  message!: string;

  @ApiProperty({ type: () => FieldProblemDto, isArray: true })
  details!: FieldProblemDto[];

  @ApiProperty({
    type: Number,
    required: false,
    description: '请求过于频繁（429）时，需等待的秒数（同 Retry-After）',
  })
  retryAfter?: number;

  @ApiProperty({ type: String, required: false, description: '请求编号，与服务器日志对应' })
  requestId?: string;
}
