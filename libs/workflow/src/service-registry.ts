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
  now: Date;
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

/** Domain modules register the services the models call by name (`sa:service`). */
@Injectable()
export class ServiceRegistry {
  private readonly services = new Map<string, ServiceHandler>();
  private readonly endHandlers: EndHandler[] = [];
  private templates: string[] | undefined;
  private remedyTemplates: string[] | undefined;

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
