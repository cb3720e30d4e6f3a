import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** What a named domain service receives when a service task calls it. */
export interface ServiceCall {
  instanceId: string;
  businessKey: string;
  elementId: string;
  elementName: string;
  /** The element's `sa:*` attributes, e.g. { service: 'document.issue', template: 'acceptance-notice' }. */
  attributes: Record<string, string>;
  variables: Record<string, unknown>;
}

export interface StepContext {
  em: EntityManager;
  actorId: string | null;
  /** The task's holder when a delegate completes it for them (代办). */
  onBehalfOf?: string | null;
  now: Date;
  /**
   * Awaited before the step's first statement that goes to the database at once (a service call,
   * a cancellation): a timer batch takes the fire's savepoint only then, since a fire that writes
   * nothing directly has nothing to roll back.
   */
  beforeWrite?: () => Promise<void>;
}

export type ServiceHandler = (
  call: ServiceCall,
  step: StepContext,
) => Promise<Record<string, unknown> | void>;

export interface EndCall {
  instanceId: string;
  businessKey: string;
  outcome: string | null;
  variables: Record<string, unknown>;
}
export type EndHandler = (call: EndCall, step: StepContext) => Promise<void>;

/** The manifest facts about a template that the model lint uses. */
export interface TemplateFacts {
  id: string;
  delivery?: string;
  recordsService?: boolean;
}

/** Domain modules register the services the models call by name (`sa:service`). */
@Injectable()
export class ServiceRegistry {
  private readonly services = new Map<string, ServiceHandler>();
  private readonly endHandlers: EndHandler[] = [];
  private templates: string[] | undefined;
  private remedyTemplates: string[] | undefined;
  private servedTemplates: string[] | undefined;
  private serviceRecordTemplates: string[] | undefined;

  register(name: string, handler: ServiceHandler): void {
    if (this.services.has(name)) throw new Error(`service ${name} registered twice`);
    this.services.set(name, handler);
  }

  onEnd(handler: EndHandler): void {
    this.endHandlers.push(handler);
  }

  /**
   * Template ids a model may name in `sa:template`, and those that state the remedy rights
   * (复议/诉讼) an adverse decision must carry; both checked at deploy.
   */
  setTemplateIds(ids: string[], remedyIds?: string[]): void {
    this.templates = ids;
    this.remedyTemplates = remedyIds;
  }

  /**
   * What the deploy lint needs from template manifests: which documents are served on the
   * applicant (`delivery: "served"`) and which record a service (`recordsService: true`; until a
   * manifest says so, `service-receipt`).
   */
  describeTemplates(manifests: TemplateFacts[]): void {
    this.servedTemplates = manifests.filter((m) => m.delivery === 'served').map((m) => m.id);
    const records = manifests.filter((m) => m.recordsService === true).map((m) => m.id);
    this.serviceRecordTemplates = records.length ? records : undefined;
  }

  servedTemplateIds(): string[] | undefined {
    return this.servedTemplates;
  }

  serviceRecordTemplateIds(): string[] | undefined {
    return this.serviceRecordTemplates;
  }

  templateIds(): string[] | undefined {
    return this.templates;
  }

  remedyTemplateIds(): string[] | undefined {
    return this.remedyTemplates;
  }

  get(name: string): ServiceHandler | undefined {
    return this.services.get(name);
  }

  names(): string[] {
    return [...this.services.keys()];
  }

  async ended(call: EndCall, step: StepContext): Promise<void> {
    for (const handler of this.endHandlers) await handler(call, step);
  }
}
