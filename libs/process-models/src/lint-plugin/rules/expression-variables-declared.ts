/**
 * Expressions (conditions and timer values) only compare variables the model declares — form fields,
 * what the host sets at the start, documented service outputs — and call nothing: an undefined
 * variable or a method call fails on completion with a stuck task.
 */
import { expressionReferences } from '../../expressions';
import type { BpmnElement } from '../../validate-model';
import { processRule } from '../rule';
import { allElements, declaredVariables, expressionBody } from '../variables';

function texts(e: BpmnElement): string[] {
  const found: (string | undefined)[] = [];
  if (e.$type === 'bpmn:SequenceFlow') found.push(expressionBody(e.conditionExpression));
  for (const d of Array.isArray(e.eventDefinitions) ? (e.eventDefinitions as BpmnElement[]) : []) {
    if (d.$type === 'bpmn:TimerEventDefinition')
      found.push(expressionBody(d.timeDuration), expressionBody(d.timeDate), expressionBody(d.timeCycle));
  }
  return found.filter((t): t is string => t !== undefined && t.includes('${'));
}

export default processRule(({ process, config, report }) => {
  const declared = declaredVariables(process, config);
  for (const e of allElements(process)) {
    for (const text of texts(e)) {
      let refs;
      try {
        refs = expressionReferences(text);
      } catch {
        continue; // validateModel reports the syntax error
      }
      for (const call of refs.calls)
        report(
          e,
          `表达式“${text}”调用了“${call}(…)”；表达式只能比较变量，不能调用方法，请改为比较表单字段的值`,
        );
      for (const name of refs.variables.filter((v) => !declared.has(v)))
        report(
          e,
          `表达式“${text}”引用了未声明的变量“${name}”；只能引用本流程表单字段、开始时的变量和服务输出，请先在表单中加入该字段或改正拼写`,
        );
    }
  }
});
