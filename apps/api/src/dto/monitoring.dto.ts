import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsPrintable, PERSON_NAME } from './printable';
import { IsCalendarDate } from '../http/calendar-date';
import { MAX_AMOUNT_FEN } from '@app/assessment';

/** The stored column is int4; the shared cap on amounts is above it, so the lower one holds. */
const MAX_EVENT_FEN = Math.min(MAX_AMOUNT_FEN, 2_147_483_647);

const EVENT_TYPES = [
  'hospitalization',
  'disability_certificate',
  'breadwinner_death',
  'unemployment',
  'hotline_report',
];

export class MonitoredPersonDto {
  @ApiProperty({ example: '张秀兰' })
  @IsString({ message: '姓名必须是文字' })
  @MinLength(1, { message: '姓名不能为空' })
  @MaxLength(50, { message: '姓名不能超过50个字' })
  @Matches(PERSON_NAME, { message: '姓名只能包含文字和间隔号，且不能换行' })
  @IsPrintable()
  name!: string;

  @ApiProperty({ example: '410799198503124526', description: '18位居民身份证号码（GB 11643 校验）' })
  @IsString({ message: '身份证号码必须是文字' })
  idNumber!: string;

  @ApiProperty({ required: false, example: '平安县城关镇东关村三组18号' })
  @IsOptional()
  @IsString({ message: '住址必须是文字' })
  @MaxLength(200, { message: '住址不能超过200个字' })
  @IsPrintable()
  address?: string;

  @ApiProperty({ required: false, example: '13805712345' })
  @IsOptional()
  @Matches(/^1\d{10}$/, { message: '手机号码应为11位数字' })
  phone?: string;
}

/** One event pushed by another department to the low-income monitoring platform. */
export class MonitoringEventDto {
  @ApiProperty({ description: '信息来源部门', example: '县医疗保障局' })
  @IsString({ message: '来源部门必须是文字' })
  @MinLength(1, { message: '来源部门不能为空' })
  @MaxLength(100, { message: '来源部门不能超过100个字' })
  source!: string;

  @ApiProperty({
    description: '来源部门的事件编号（同一来源不重复；重复推送返回首次结果）',
    example: 'YB-2026-000123',
  })
  @IsString({ message: '事件编号必须是文字' })
  @MinLength(1, { message: '事件编号不能为空' })
  @MaxLength(100, { message: '事件编号不能超过100个字' })
  sourceEventId!: string;

  @ApiProperty({ enum: EVENT_TYPES, example: 'hospitalization' })
  @IsIn(EVENT_TYPES, {
    message:
      '事件类型应为 hospitalization（住院）、disability_certificate（新办残疾证）、breadwinner_death（主要劳动力死亡）、unemployment（失业）或 hotline_report（热线反映）',
  })
  type!: string;

  @ApiProperty({ description: '发生日期 YYYY-MM-DD', example: '2026-11-20' })
  @IsCalendarDate('发生日期')
  occurredOn!: string;

  @ApiProperty({ type: MonitoredPersonDto })
  @ValidateNested()
  @Type(() => MonitoredPersonDto)
  person!: MonitoredPersonDto;

  @ApiProperty({ description: '户籍所在村（社区）12位行政区划代码', example: '410799100201' })
  @Matches(/^\d{12}$/, { message: '应为12位村（社区）行政区划代码' })
  regionCode!: string;

  @ApiProperty({ description: '事件情况', example: '在县人民医院住院治疗，个人自付医疗费用3.6万元。' })
  @IsString({ message: '事件情况必须是文字' })
  @MinLength(1, { message: '事件情况不能为空' })
  @MaxLength(2000, { message: '事件情况不能超过2000个字' })
  details!: string;

  @ApiProperty({ required: false, description: '个人自付医疗费用（分，仅住院事件）', example: 3600000 })
  @IsOptional()
  @IsInt({ message: '医疗费用应为整数（分）' })
  @Min(0, { message: '医疗费用不能为负数' })
  @Max(MAX_EVENT_FEN, { message: `医疗费用不能超过${Math.floor(MAX_EVENT_FEN / 1_000_000)}万元` })
  amountFen?: number;
}
