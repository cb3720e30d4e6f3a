import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../http/calendar-date';

const REGION = /^(\d{6}|\d{9}|\d{12})$/;

export class DutyRulesQueryDto {
  @ApiProperty({ example: '410799' })
  @Matches(REGION, { message: 'regionCode 应为6位（县）、9位（乡镇）或12位（村）行政区划代码' })
  regionCode!: string;
}

export class DutyRulesDto {
  @ApiProperty({ example: '410799101' })
  @Matches(REGION, { message: 'regionCode 应为6位（县）、9位（乡镇）或12位（村）行政区划代码' })
  regionCode!: string;

  @ApiProperty({ example: '2027-01-01' })
  @IsCalendarDate('生效日期')
  effectiveFrom!: string;

  @ApiProperty({
    example: { separate: [['investigator', 'township_reviewer']], nearRelativeRecusal: true },
    description: 'separate：同一案件不得由同一人兼任的角色对；nearRelativeRecusal：近亲属回避',
  })
  @IsDefined({ message: '请填写规则 rules' })
  rules!: unknown;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString({ message: '备注应为文字' })
  @MaxLength(500, { message: '备注不超过500字' })
  note?: string;
}

export class DutyRulesDecisionDto {
  @ApiProperty({ required: false, description: '驳回理由或批准意见' })
  @IsOptional()
  @IsString({ message: '意见应为文字' })
  @MaxLength(500, { message: '意见不超过500字' })
  reason?: string;
}
