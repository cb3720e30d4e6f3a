import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { BenefitsModule } from '@app/benefits';
import { DeliveryModule } from '@app/delivery';
import { IssuanceModule } from '@app/issuance';
import { SupervisionModule } from '@app/supervision';
import { NotificationsModule } from '@app/notifications';
import { END_STEPS, MODEL_SERVICES, ModelServiceRegistrar } from './model-services';

/** The named services BPMN models call (`sa:service`) and the work done when a process ends. */
@Module({
  imports: [
    IssuanceModule,
    CasesModule,
    DeliveryModule,
    BenefitsModule,
    SupervisionModule,
    NotificationsModule,
  ],
  providers: [...MODEL_SERVICES, ...END_STEPS, ModelServiceRegistrar],
})
export class StepsModule {}
