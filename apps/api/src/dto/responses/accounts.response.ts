/** Response bodies of the routes in controllers/accounts.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';
import { ROLE_IDS, Role } from '@app/auth';

export class AccountDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  username!: string;

  @ApiProperty({ type: String })
  displayName!: string;

  @ApiProperty({
    enum: ROLE_IDS,
  })
  role!: Role;

  @ApiProperty({
    enum: ROLE_IDS,
    isArray: true,
  })
  extraRoles!: Role[];

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: String, nullable: true })
  regionName!: string | null;

  @ApiProperty({ type: Boolean })
  disabled!: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Locked out by failed sign-ins until this time; null when not locked.',
  })
  lockedUntil!: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastSignInAt!: string | null;

  @ApiProperty({ type: Boolean, description: '管理员所作变更尚待另一名管理员确认' })
  pendingConfirmation!: boolean;

  @ApiProperty({ type: String, nullable: true })
  passwordChangedAt!: string | null;

  @ApiProperty({ type: String })
  createdAt!: string;
}
