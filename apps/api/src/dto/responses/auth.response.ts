/** Response bodies of the routes in controllers/auth.controller.ts (held to the handlers by response-contract.ts). */
import { ApiProperty } from '@nestjs/swagger';

export class AuthUserDto {
  @ApiProperty({ type: String })
  id!: string;

  @ApiProperty({ type: String })
  username!: string;

  @ApiProperty({ type: String })
  displayName!: string;

  @ApiProperty({
    enum: [
      'applicant',
      'window_clerk',
      'investigator',
      'village_assistant',
      'township_reviewer',
      'county_approver',
      'legal_officer',
      'auditor',
      'admin',
    ],
  })
  role!:
    | 'applicant'
    | 'window_clerk'
    | 'investigator'
    | 'village_assistant'
    | 'township_reviewer'
    | 'county_approver'
    | 'legal_officer'
    | 'auditor'
    | 'admin';

  @ApiProperty({
    enum: [
      'applicant',
      'window_clerk',
      'investigator',
      'village_assistant',
      'township_reviewer',
      'county_approver',
      'legal_officer',
      'auditor',
      'admin',
    ],
    isArray: true,
    description: 'Every role whose tasks the user may perform: the main role first, then any extra duties.',
  })
  duties!: (
    | 'applicant'
    | 'window_clerk'
    | 'investigator'
    | 'village_assistant'
    | 'township_reviewer'
    | 'county_approver'
    | 'legal_officer'
    | 'auditor'
    | 'admin'
  )[];

  @ApiProperty({ type: String })
  regionCode!: string;
}

export class LoginResultDto {
  @ApiProperty({ type: String })
  token!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ type: () => AuthUserDto })
  user!: AuthUserDto;
}
