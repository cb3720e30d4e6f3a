import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ResolveIncidentDto {
  @ApiProperty({ description: '解除原因（必填，记入执法记录），例如“已线下补办并归档”' })
  @IsString({ message: '请填写解除原因' })
  @MinLength(4, { message: '解除原因至少 4 个字' })
  @MaxLength(500, { message: '解除原因不超过 500 字' })
  reason!: string;
}
