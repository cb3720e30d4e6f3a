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

  @ApiProperty({ type: String, nullable: true, description: '发布人' })
  createdByName!: string | null;

  @ApiProperty({ type: String, nullable: true, description: '放宽规则时批准的第二名管理员' })
  approvedByName!: string | null;
}

export class DutyRulesProposalDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String })
  effectiveFrom!: string;

  @ApiProperty({ type: () => DutyRuleValuesDto })
  rules!: DutyRuleValuesDto;

  @ApiProperty({ type: String, isArray: true, description: '放宽了哪些规则' })
  relaxes!: string[];

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: String })
  proposedBy!: string;

  @ApiProperty({ type: String })
  proposedByName!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  proposedAt!: string;

  @ApiProperty({ type: String, enum: ['pending', 'approved', 'rejected'] })
  status!: 'pending' | 'approved' | 'rejected';

  @ApiProperty({ type: String, nullable: true })
  decidedByName!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
}

export class DutyRulesOverviewDto {
  @ApiProperty({ type: () => DutyRuleSetDto })
  inForce!: DutyRuleSetDto;

  @ApiProperty({ type: () => DutyRuleSetDto, isArray: true })
  history!: DutyRuleSetDto[];
}
