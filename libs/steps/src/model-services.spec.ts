import * as fs from 'node:fs';
import * as path from 'node:path';
import { CloseCase } from './handlers/close-case';
import { RecordBenefitGrant } from './handlers/record-benefit-grant';
import { END_STEPS, MODEL_SERVICES, RETIRED_MODEL_SERVICES } from './model-services';

// The handlers' names are set by their constructors; their dependencies are not used to read them.
const nameOf = (type: new (...args: never[]) => { name: string }) => new type().name;

function servicesNamedByModels(): string[] {
  const dir = path.join(__dirname, '../../../processes');
  const names = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.bpmn'))
    .flatMap((f) =>
      [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/sa:service="([^"]+)"/g)].map((m) => m[1]),
    );
  return [...new Set(names)].sort();
}

describe('MODEL_SERVICES', () => {
  const names = MODEL_SERVICES.map(nameOf);

  it('names each service once', () => {
    expect(new Set(names).size).toBe(names.length);
  });

  it('has a handler for every sa:service the shipped models name, and none they do not (but the retired ones older versions call)', () => {
    expect([...names].sort()).toEqual([...servicesNamedByModels(), ...RETIRED_MODEL_SERVICES].sort());
    for (const retired of RETIRED_MODEL_SERVICES) expect(servicesNamedByModels()).not.toContain(retired);
  });
});

describe('END_STEPS', () => {
  it('closes the case before recording the benefit grant, which reads the amount the closing copied', () => {
    expect(END_STEPS).toEqual([CloseCase, RecordBenefitGrant]);
  });
});
