import { Body, Controller, Get, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Requires } from '@app/auth';
import { NearRelativeService, PublicListingService, RecheckService } from '@app/supervision';
import { NearRelativeDto, RecheckDrawDto } from '../dto/supervision.dto';
import { AuditAccess } from '../http/audit-access';
import {
  NearRelativeCaseDto,
  NearRelativeRecordDto,
  PublicListingDto,
  RecheckDrawRecordDto,
  StaffMemberDto,
} from '../dto/responses/supervision.response';
import { ApiFileResponse } from '../http/api-responses';

/** 日常监管: long-term public listing, random re-check draws, staff near-relative register. */
@ApiTags('日常监管')
@Controller()
export class SupervisionController {
  constructor(
    private readonly listing: PublicListingService,
    private readonly rechecks: RecheckService,
    private readonly nearRelatives: NearRelativeService,
  ) {}

  /** 长期公布: open to everyone, like the notice board in the village. */
  @Public()
  @AuditAccess('public-listing.read')
  @ApiOkResponse({ type: PublicListingDto })
  @Get('public/listing')
  @ApiQuery({ name: 'regionCode', description: '村（社区）12位行政区划代码' })
  publicListing(@Query('regionCode') regionCode?: string) {
    return this.listing.listing(regionCode);
  }

  @Public()
  @AuditAccess('public-listing.export')
  @ApiFileResponse('application/pdf')
  @Get('public/listing.pdf')
  @ApiQuery({ name: 'regionCode', description: '村（社区）12位行政区划代码' })
  async publicListingPdf(@Query('regionCode') regionCode?: string) {
    const { pdf, title } = await this.listing.pdf(regionCode);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename*=UTF-8''${encodeURIComponent(`${title}.pdf`)}`,
    });
  }

  @ApiBearerAuth()
  @ApiCreatedResponse({ type: RecheckDrawRecordDto })
  @Post('supervision/recheck-draws')
  @Requires('recheck.draw')
  draw(@CurrentUser() user: AuthUser, @Body() body: RecheckDrawDto) {
    return this.rechecks.draw(user, body);
  }

  @ApiBearerAuth()
  @ApiOkResponse({ type: RecheckDrawRecordDto, isArray: true })
  @Get('supervision/recheck-draws')
  @Requires('recheck.read')
  draws(@CurrentUser() user: AuthUser) {
    return this.rechecks.list(user);
  }

  @ApiBearerAuth()
  @ApiCreatedResponse({ type: NearRelativeRecordDto })
  @Post('supervision/near-relatives')
  @Requires('near_relative.manage')
  register(@CurrentUser() user: AuthUser, @Body() body: NearRelativeDto) {
    return this.nearRelatives.register(user, body);
  }

  @ApiBearerAuth()
  @AuditAccess('near-relative.list')
  @ApiOkResponse({ type: NearRelativeRecordDto, isArray: true })
  @Get('supervision/near-relatives')
  @Requires('near_relative.manage')
  registered(@CurrentUser() user: AuthUser) {
    return this.nearRelatives.list(user);
  }

  @ApiBearerAuth()
  @ApiOkResponse({ type: StaffMemberDto, isArray: true })
  @Get('supervision/near-relatives/staff')
  @Requires('near_relative.manage')
  staff(@CurrentUser() user: AuthUser) {
    return this.nearRelatives.staff(user);
  }

  /** 100% 核查: every case of a registered near relative. */
  @ApiBearerAuth()
  @AuditAccess('near-relative.cases')
  @ApiOkResponse({ type: NearRelativeCaseDto, isArray: true })
  @Get('supervision/near-relatives/cases')
  @Requires('near_relative.manage')
  relativeCases(@CurrentUser() user: AuthUser) {
    return this.nearRelatives.cases(user);
  }
}
