import { Requires } from '@app/auth';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CaseService } from '@app/cases';
import { ProgramDto } from '../dto/responses/programs.response';

@ApiTags('救助项目')
@ApiBearerAuth()
@Controller('programs')
export class ProgramsController {
  constructor(private readonly cases: CaseService) {}

  /** Programs with an application process in effect, and the start form each asks for. */
  @ApiOkResponse({ type: ProgramDto, isArray: true })
  @Get()
  @Requires('reference.read')
  list() {
    return this.cases.programs();
  }
}
