import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate } from '../http/calendar-date';

export class ElectronicConsentDto {
  @ApiProperty({ example: '13800000000', description: '电子送达地址：手机号码或电子邮箱' })
  @IsString({ message: '电子送达地址必须是文字' })
  @MaxLength(100, { message: '电子送达地址不能超过100字' })
  address!: string;

  @ApiProperty({ example: true, description: '已阅读并同意电子送达确认书' })
  @IsBoolean({ message: '请勾选是否同意电子送达' })
  agree!: boolean;
}

export class ConsentPreviewDto {
  @ApiProperty({ required: false, example: '13800000000' })
  @IsOptional()
  @IsString({ message: '电子送达地址必须是文字' })
  @MaxLength(100, { message: '电子送达地址不能超过100字' })
  address?: string;
}

export class PaperConsentDto {
  @ApiProperty({ example: '王建国', description: '签署确认书的受送达人' })
  @IsString({ message: '受送达人必须是文字' })
  @MaxLength(50, { message: '受送达人不能超过50字' })
  recipient!: string;

  @ApiProperty({ example: '13800000000', description: '确认书上的电子送达地址（手机号码或电子邮箱）' })
  @IsString({ message: '电子送达地址必须是文字' })
  @MaxLength(100, { message: '电子送达地址不能超过100字' })
  address!: string;

  @ApiProperty({ example: '2026-11-23' })
  @IsCalendarDate('签署日期')
  signedOn!: string;

  @ApiProperty({ required: false, example: '纸质确认书已扫描归档' })
  @IsOptional()
  @IsString({ message: '备注必须是文字' })
  @MaxLength(500, { message: '备注不能超过500字' })
  note?: string;
}

export class TimeLimitExtensionDto {
  @ApiProperty({ example: '申请人家庭成员在外务工，需信函索证，核对时间较长' })
  @IsString({ message: '延长理由必须是文字' })
  @MinLength(5, { message: '请填写延长理由（不少于5个字）' })
  @MaxLength(500, { message: '延长理由不能超过500字' })
  reason!: string;
}

export class YearScheduleDto {
  @ApiProperty({ example: ['2027-01-01'], description: '法定节假日（放假日，含调休放假的工作日）' })
  @IsArray({ message: '法定节假日应为日期列表' })
  holidays!: string[];

  @ApiProperty({ example: ['2027-02-06'], description: '调休上班的周末日期' })
  @IsArray({ message: '调休上班日应为日期列表' })
  workdays!: string[];

  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知' })
  @IsString({ message: '来源必须是文字' })
  source!: string;
}

export class OverdueQueryDto {
  @ApiProperty({ required: false, example: '2026-12-31', description: '统计截止日期，默认今天' })
  @IsOptional()
  @IsCalendarDate('截止日期')
  asOf?: string;

  @ApiProperty({ required: false, enum: ['json', 'csv'] })
  @IsOptional()
  @Matches(/^(json|csv)$/, { message: 'format 只能为 json 或 csv' })
  format?: string;
}
