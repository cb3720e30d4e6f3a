/** Response bodies of the routes in controllers/service.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { MARKUP_BLOCKS, MarkupBlock } from './markup.response';
import {
  DocumentRefDto,
  RemedyDeadlinesDto,
  ServiceConsentRecordDto,
  ServiceRecordDto,
  TimeLimitDto,
} from './shared.response';

export class CaseServiceDto {
  @ApiProperty({ type: () => ServiceRecordDto, isArray: true })
  service!: ServiceRecordDto[];

  @ApiProperty({ type: () => ServiceConsentRecordDto, isArray: true })
  serviceConsents!: ServiceConsentRecordDto[];

  @ApiProperty({ type: () => TimeLimitDto })
  timeLimit!: TimeLimitDto;
}

export class PortalServiceRecordDto {
  @ApiProperty({ type: () => DocumentRefDto })
  document!: DocumentRefDto;

  @ApiProperty({ type: String })
  method!: string;

  @ApiProperty({ type: String })
  methodName!: string;

  @ApiProperty({ type: String })
  servedOn!: string;

  @ApiProperty({ type: String })
  deemedServedOn!: string;

  @ApiProperty({ type: String })
  recipient!: string;

  @ApiProperty({ type: () => RemedyDeadlinesDto, nullable: true })
  remedy!: RemedyDeadlinesDto | null;
}

export class PortalServiceDto {
  @ApiProperty({ type: () => PortalServiceRecordDto, isArray: true })
  service!: PortalServiceRecordDto[];

  @ApiProperty({ type: () => ServiceConsentRecordDto, nullable: true })
  electronicConsent!: ServiceConsentRecordDto | null;
}

export class ConsentTextDto {
  @ApiProperty({ type: String })
  title!: string;

  @ApiProperty({ type: String })
  markup!: string;

  @ApiProperty({ type: 'array', items: { oneOf: MARKUP_BLOCKS.map((b) => ({ $ref: getSchemaPath(b) })) } })
  blocks!: MarkupBlock[];

  @ApiProperty({ type: String })
  textHash!: string;
}
