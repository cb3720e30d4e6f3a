import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Requires } from '@app/auth';
import { AppError } from '@app/common';
import { CalendarProvider } from '@app/workflow';
import { YearScheduleDto } from '../dto/service.dto';
import { CalendarOverviewDto, CalendarYearDto, LoadedYearDto } from '../dto/responses/calendar.response';

const yearPipe = new ParseIntPipe({
  exceptionFactory: () =>
    AppError.validation('年份应为四位数字', [{ field: 'year', message: '年份应为四位数字' }]),
});

@ApiTags('节假日日历')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendars: CalendarProvider) {}

  /** Years covered by the installed package and by schedules loaded here. */
  @ApiOkResponse({ type: CalendarOverviewDto })
  @Get()
  @Requires('calendar.read')
  overview() {
    return this.calendars.overview();
  }

  @ApiOkResponse({ type: CalendarYearDto })
  @Get(':year')
  @Requires('calendar.read')
  year(@Param('year', yearPipe) year: number) {
    return this.calendars.year(year);
  }

  /** Loads a year's schedule from the State Council notice (a new version; history is kept). */
  @ApiOkResponse({ type: LoadedYearDto })
  @Put(':year')
  @Requires('calendar.publish')
  load(@CurrentUser() user: AuthUser, @Param('year', yearPipe) year: number, @Body() body: YearScheduleDto) {
    return this.calendars.load(year, body, user.id);
  }
}
