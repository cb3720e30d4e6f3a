import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../http/calendar-date';

export class ReviewDefenceDto {
  @ApiProperty({
    example: '2026-12-20',
    description: '收到行政复议申请书副本的日期（被申请人自收到之日起十日内提出书面答复）',
  })
  @IsCalendarDate('收到行政复议申请书副本的日期')
  applicationReceivedOn!: string;
}
