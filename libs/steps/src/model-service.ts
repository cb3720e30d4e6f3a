import type { EndCall, ServiceCall, StepContext } from '@app/workflow';

/** A named service a BPMN service task calls (`sa:service="<name>"`). */
export interface ModelService {
  readonly name: string;
  run(call: ServiceCall, step: StepContext): Promise<Record<string, unknown> | void>;
}

/** Work done inside the transaction in which a process instance reaches an end event. */
export interface EndStep {
  /** For logs and the order documented in model-services.ts; not named by models. */
  readonly name: string;
  run(end: EndCall, step: StepContext): Promise<void>;
}
