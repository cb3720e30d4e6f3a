import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IsCalendarMonth } from '../http/calendar-date';

export class GenerateReviewCohortDto {
  @ApiProperty({ description: '行政区划代码（县6位、乡镇9位或村12位）', example: '410799100' })
  @IsString({ message: '必须是文本' })
  @Matches(/^(\d{6}|\d{9}|\d{12})$/, { message: '应为6位（县）、9位（乡镇）或12位（村）行政区划代码' })
  regionCode!: string;

  @ApiProperty({ description: '核查月份：下次核查日期在该月或之前的在保家庭纳入本批次', example: '2027-06' })
  @IsCalendarMonth('核查月份')
  period!: string;
}
