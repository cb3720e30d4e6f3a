/** Response bodies of the routes in controllers/demo.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class ClockAdvancedDto {
  @ApiProperty({ type: String, format: 'date-time' })
  now!: string;

  @ApiProperty({ type: Number, description: '这次拨动使其到期并已触发的定时器数（含其他进程触发的）' })
  firedTimers!: number;
}

export class AppClockDto {
  @ApiProperty({ type: String, format: 'date-time' })
  now!: string;

  @ApiProperty({ description: '应用时钟的北京日期 YYYY-MM-DD' })
  today!: string;

  @ApiProperty({ description: '是否为演示环境（可拨动时钟）' })
  demo!: boolean;

  @ApiProperty({ description: '应用时钟比实际时间快的天数' })
  offsetDays!: number;
}
