import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintModel } from '../lint-model';
import { modelLintOptions } from '../testing/lint-options';

const dir = path.join(__dirname, '../../../../processes');

describe('the bundled models pass every deploy rule', () => {
  it.each(fs.readdirSync(dir).filter((f) => f.endsWith('.bpmn')))('%s has no errors', async (file) => {
    const result = await lintModel(fs.readFileSync(path.join(dir, file), 'utf8'), modelLintOptions());
    expect(result.errors).toEqual([]);
  });
});
