import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { NotificationReader } from '@app/notifications';
import { MessageDto } from '../dto/responses/notifications.response';

class MarkReadDto {
  @ApiProperty({ type: [String], description: '已读消息的编号' })
  @IsArray({ message: '消息编号应为列表' })
  @ArrayMaxSize(200, { message: '一次最多标记200条消息' })
  @IsUUID('all', { each: true, message: '消息编号格式不正确' })
  ids!: string[];
}

/** The message centre: the applicant's in the portal (消息), staff's by role and region. */
@ApiTags('消息')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly reader: NotificationReader) {}

  @ApiOkResponse({ type: MessageDto, isArray: true })
  @Get('portal/messages')
  @Requires('portal.own')
  applicantMessages(@CurrentUser() user: AuthUser) {
    return this.reader.forApplicant(user);
  }

  @ApiOkResponse({ type: MessageDto, isArray: true })
  @Get('messages')
  @Requires('task.read')
  staffMessages(@CurrentUser() user: AuthUser) {
    return this.reader.forStaff(user);
  }

  @ApiNoContentResponse()
  @Post('portal/messages/read')
  @Requires('portal.own')
  @HttpCode(204)
  async markApplicantRead(@CurrentUser() user: AuthUser, @Body() body: MarkReadDto) {
    await this.reader.markRead(user, body.ids);
  }

  @ApiNoContentResponse()
  @Post('messages/read')
  @Requires('task.read')
  @HttpCode(204)
  async markStaffRead(@CurrentUser() user: AuthUser, @Body() body: MarkReadDto) {
    await this.reader.markRead(user, body.ids);
  }
}
