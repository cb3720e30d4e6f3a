import { Global, Module } from '@nestjs/common';
import { DefinitionService } from './definition.service';
import { ProcessRuntime } from './process-runtime.service';
import { ServiceRegistry } from './service-registry';
import { TimerPoller } from './timer-poller.service';

@Global()
@Module({
  providers: [ServiceRegistry, DefinitionService, ProcessRuntime, TimerPoller],
  exports: [ServiceRegistry, DefinitionService, ProcessRuntime, TimerPoller],
})
export class WorkflowModule {}
