import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { APPLICATION_PROGRAMS } from '@app/cases';

export class RegionQueryDto {
  @ApiProperty({ required: false, description: '上级行政区划代码；不填时返回县级' })
  @IsOptional()
  @Matches(/^(\d{6}|\d{9})$/, { message: '应为6位县级或9位乡镇行政区划代码' })
  parent?: string;
}

export class MaterialsQueryDto {
  @ApiProperty({ enum: APPLICATION_PROGRAMS, example: 'dibao' })
  @IsIn(APPLICATION_PROGRAMS, { message: '救助项目不在可选范围内' })
  program!: string;

  @ApiProperty({ description: '户籍所在地行政区划代码（县、乡镇或村）', example: '410799100201' })
  @Matches(/^(\d{6}|\d{9}|\d{12})$/, { message: '应为6位、9位或12位行政区划代码' })
  regionCode!: string;
}
