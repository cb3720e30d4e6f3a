import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CaseService } from '@app/cases';

@ApiTags('救助项目')
@ApiBearerAuth()
@Controller('programs')
export class ProgramsController {
  constructor(private readonly cases: CaseService) {}

  /** Programs with an application process in effect, and the start form each asks for. */
  @Get()
  list() {
    return this.cases.programs();
  }
}
