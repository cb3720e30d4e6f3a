/** Response bodies of the routes in controllers/auth.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';
import { ROLE_IDS, Role } from '@app/auth';

export class AuthUserDto {
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
    description: 'Every role whose tasks the user may perform: the main role first, then any extra duties.',
  })
  duties!: Role[];

  @ApiProperty({ type: String })
  regionCode!: string;

  @ApiProperty({ type: Boolean, description: '管理员所作变更尚待另一名管理员确认：确认前不能办理任何业务' })
  pendingConfirmation!: boolean;
}

export class LoginResultDto {
  @ApiProperty({ type: String })
  token!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ type: () => AuthUserDto })
  user!: AuthUserDto;
}
