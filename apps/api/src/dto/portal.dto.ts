import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class RegionQueryDto {
  @ApiProperty({ required: false, description: '上级行政区划代码；不填时返回县级' })
  @IsOptional()
  @Matches(/^(\d{6}|\d{9})$/, { message: '应为6位县级或9位乡镇行政区划代码' })
  parent?: string;
}
