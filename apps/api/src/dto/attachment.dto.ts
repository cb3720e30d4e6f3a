import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class VoidAttachmentDto {
  @ApiProperty({ example: '误传了其他家庭的照片' })
  @IsString({ message: '作废原因必须是文字' })
  @MinLength(2, { message: '作废原因至少2个字' })
  @MaxLength(200, { message: '作废原因不能超过200个字' })
  reason!: string;
}
