import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { Household, PolicyParameters } from '@app/assessment';
import { IsCalendarDate } from '../http/calendar-date';

export class PublishParametersDto {
  @ApiProperty({ example: '410799', description: '6位（县）、9位（乡镇）或12位（村）行政区划代码' })
  @Matches(/^(\d{6}|\d{9}|\d{12})$/, { message: '应为6、9或12位行政区划代码' })
  regionCode!: string;

  @ApiProperty({ example: '2027-01-01' })
  @IsCalendarDate('生效日期')
  effectiveFrom!: string;

  @ApiProperty({
    description: '救助政策参数（标准、系数表、排除条款、困难指数权重等），字段见 libs/assessment',
  })
  @IsObject({ message: '参数必须是对象' })
  parameters!: PolicyParameters;

  @ApiProperty({ required: false, example: '2027年起城乡低保标准调整' })
  @IsOptional()
  @IsString({ message: '说明必须是文字' })
  @MaxLength(500, { message: '说明不能超过500字' })
  note?: string;
}

export class AssessDto {
  @ApiProperty({ example: '410799100201' })
  @Matches(/^\d{12}$/, { message: '应为12位村（社区）行政区划代码' })
  regionCode!: string;

  @ApiProperty({ description: '家庭成员、收入、财产、赡养人、排除条款事实、刚性支出' })
  @IsObject({ message: '家庭经济状况必须是对象' })
  household!: Household;

  @ApiProperty({ required: false, example: '2026-11-23' })
  @IsOptional()
  @IsCalendarDate('测算日期')
  assessmentDate?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsUUID('4', { message: '案件编号格式不正确' })
  caseId?: string;
}

export class EconomicsDto {
  @ApiProperty({ description: '经调查核实的家庭经济状况' })
  @IsObject({ message: '家庭经济状况必须是对象' })
  household!: Household;
}
