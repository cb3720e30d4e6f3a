import { AppError } from '@app/common';
import { EngineSession } from '../engine-session';
import { engineModel } from '../engine-model';
import { ServiceRegistry, StepContext } from '../service-registry';
import { StepFailure } from './step-failure';

/** A user task, then `inner` (whose first element has id G), for failures on real data. */
const model = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sa="http://shehuijiuzhu.gov.cn/schema/bpmn/1.0" id="d" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s" />
    <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="T" />
    <bpmn:userTask id="T" name="受理审查" />
    <bpmn:sequenceFlow id="f1" sourceRef="T" targetRef="G" />
    ${inner}
    <bpmn:endEvent id="E1" />
    <bpmn:endEvent id="E2" />
  </bpmn:process>
</bpmn:definitions>`;

const gateway = (a: string, b: string) =>
  `<bpmn:exclusiveGateway id="G" name="受理决定" />
   <bpmn:sequenceFlow id="a" sourceRef="G" targetRef="E1"><bpmn:conditionExpression>${a}</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:sequenceFlow id="b" sourceRef="G" targetRef="E2"><bpmn:conditionExpression>${b}</bpmn:conditionExpression></bpmn:sequenceFlow>`;

const step: StepContext = { em: null as never, actorId: null, now: new Date('2026-12-01T02:00:00Z') };

async function failureOf(inner: string, values: Record<string, unknown>, services = new ServiceRegistry()) {
  const { session } = await EngineSession.start(
    await engineModel(model(inner)),
    { instanceId: 'i', businessKey: 'b' },
    {},
    services,
    step,
  );
  return session.signal('T', values, step).then(
    () => null,
    (err: unknown) => err,
  );
}

describe('a step that fails on real data names the element and the cause in Chinese', () => {
  it.each([
    [
      'a gateway whose conditions do not cover the value',
      gateway('${decision == "accept"}', '${decision == "supplement"}'),
      { decision: 'refuse' },
      '受理决定',
      /没有任何一个分支的条件成立/,
    ],
    [
      '`${income > 100}` on an undefined variable',
      gateway('${income > 100}', '${decision == "x"}'),
      { decision: 'refuse' },
      '受理决定',
      /表达式“\$\{income > 100\}”.*未定义/,
    ],
    [
      'a call the expression language does not allow',
      gateway('${execution.hasVariable("x")}', '${decision == "x"}'),
      { decision: 'refuse' },
      '受理决定',
      /只能调用 environment\.services/,
    ],
    [
      'a timer whose expression yields "abc"',
      `<bpmn:intermediateCatchEvent id="G" name="公示期"><bpmn:timerEventDefinition><bpmn:timeDuration>\${wait}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
       <bpmn:sequenceFlow id="a" sourceRef="G" targetRef="E1" />`,
      { wait: 'abc' },
      '公示期',
      /定时器的时间“abc”不是有效的期限或日期/,
    ],
  ])('%s', async (_case, inner, values, elementName, reason) => {
    const err = await failureOf(inner, values);
    expect(err).toBeInstanceOf(StepFailure);
    const failure = err as StepFailure;
    expect(failure).toMatchObject({ elementId: 'G', elementName });
    expect(failure.reason).toMatch(reason);
    expect(failure.message).toContain(`“${elementName}”`);
    expect(failure.raw).not.toBe('');
  });

  it('a service that throws names its service task', async () => {
    const services = new ServiceRegistry();
    services.register('boom', async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'members')");
    });
    const err = await failureOf(
      `<bpmn:serviceTask id="G" name="家庭经济状况测算" sa:service="boom" />
       <bpmn:sequenceFlow id="a" sourceRef="G" targetRef="E1" />`,
      {},
      services,
    );
    expect(err).toBeInstanceOf(StepFailure);
    expect(err).toMatchObject({ elementId: 'G', elementName: '家庭经济状况测算' });
    expect((err as StepFailure).raw).toContain('members');
  });

  it("a service's own refusal (a 4xx the user can put right) passes through unchanged", async () => {
    const services = new ServiceRegistry();
    services.register('refuse', async () => {
      throw AppError.validation('请先录入家庭经济状况', [{ field: 'economics', message: '未录入' }]);
    });
    const err = await failureOf(
      `<bpmn:serviceTask id="G" name="测算" sa:service="refuse" />
       <bpmn:sequenceFlow id="a" sourceRef="G" targetRef="E1" />`,
      {},
      services,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
  });
});
