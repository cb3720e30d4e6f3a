/** Response bodies of the routes in controllers/notifications.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class MessageDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true }) caseNo!: string | null;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ description: '北京时间 YYYY-MM-DDTHH:mm:ss' }) at!: string;
  @ApiProperty() read!: boolean;
}
