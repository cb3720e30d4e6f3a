import { Inject, Injectable, OnModuleInit, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TemplateStore } from '@app/issuance';
import { ServiceRegistry } from '@app/workflow';
import { EndStep, ModelService } from './model-service';
import { AssessmentEvaluate } from './handlers/assessment-evaluate';
import { BenefitApply } from './handlers/benefit-apply';
import { BenefitPlan } from './handlers/benefit-plan';
import { CaseUrgency } from './handlers/case-urgency';
import { CloseCase } from './handlers/close-case';
import { DocumentIssue } from './handlers/document-issue';
import { LinshiApprovalLevel } from './handlers/linshi-approval-level';
import { MonitoringMatch } from './handlers/monitoring-match';
import { MonitoringReferApplication } from './handlers/monitoring-refer-application';
import { MonitoringStartApplication } from './handlers/monitoring-start-application';
import { PenaltyAssess } from './handlers/penalty-assess';
import { RecordBenefitGrant } from './handlers/record-benefit-grant';
import { SamplingDraw } from './handlers/sampling-draw';
import { SelfCareAssess } from './handlers/selfcare-assess';

/**
 * Services the shipped models no longer name but older deployed versions do: their running cases
 * still call them (a new version does not move running cases), so the handler stays.
 */
export const RETIRED_MODEL_SERVICES: readonly string[] = ['monitoring.startApplication'];

/** Every service a model may name in `sa:service`; a model naming any other fails its deploy lint. */
export const MODEL_SERVICES: Type<ModelService>[] = [
  DocumentIssue,
  AssessmentEvaluate,
  SelfCareAssess,
  SamplingDraw,
  CaseUrgency,
  LinshiApprovalLevel,
  MonitoringMatch,
  MonitoringReferApplication,
  MonitoringStartApplication,
  BenefitPlan,
  BenefitApply,
  PenaltyAssess,
];

/**
 * What runs in the transaction in which a process ends, in this order:
 * 1. CloseCase closes the case and copies the served decision's amount onto it;
 * 2. RecordBenefitGrant opens the benefit ledger of a confirmed application, and falls back to the
 *    amount CloseCase recorded when no decision states one — so it must run second.
 */
export const END_STEPS: Type<EndStep>[] = [CloseCase, RecordBenefitGrant];

/** Registers MODEL_SERVICES and END_STEPS with the workflow runtime, and the template facts its deploy lint checks. */
@Injectable()
export class ModelServiceRegistrar implements OnModuleInit {
  constructor(
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(ServiceRegistry) private readonly registry: ServiceRegistry,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
  ) {}

  onModuleInit(): void {
    this.registry.setTemplateIds(this.templates.ids(), this.templates.remedyIds());
    this.registry.describeTemplates(this.templates.ids().map((id) => this.templates.file(id).manifest));
    for (const type of MODEL_SERVICES) {
      const service = this.moduleRef.get(type);
      this.registry.register(service.name, (call, step) => service.run(call, step));
    }
    for (const type of END_STEPS) {
      const end = this.moduleRef.get(type);
      this.registry.onEnd((call, step) => end.run(call, step));
    }
  }
}
