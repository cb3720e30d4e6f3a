import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { HouseholdImportService } from './household-import.service';

/** Household import: the 家庭经济状况 workbook template and the bulk assessment of an uploaded one. */
@Module({
  imports: [CasesModule],
  providers: [HouseholdImportService],
  exports: [HouseholdImportService],
})
export class HouseholdImportModule {}
