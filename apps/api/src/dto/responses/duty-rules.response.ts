/** Response bodies of the routes in controllers/duty-rules.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';
import { ROLE_IDS, Role } from '@app/auth';

export class DutyRuleValuesDto {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'array',
      items: {
        type: 'string',
        enum: ROLE_IDS,
      },
    },
    description: 'Pairs of duties that one person may not both perform on one case.',
  })
  separate!: Role[][];

  @ApiProperty({
    type: Boolean,
    description: 'A staff member with a registered near relative in the household may not act on the case.',
  })
  nearRelativeRecusal!: boolean;
}

export class DutyRuleSetDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String })
  effectiveFrom!: string;

  @ApiProperty({ type: Number })
  version!: number;

  @ApiProperty({ type: () => DutyRuleValuesDto })
  rules!: DutyRuleValuesDto;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;
}

export class DutyRulesOverviewDto {
  @ApiProperty({ type: () => DutyRuleSetDto })
  inForce!: DutyRuleSetDto;

  @ApiProperty({ type: () => DutyRuleSetDto, isArray: true })
  history!: DutyRuleSetDto[];
}
