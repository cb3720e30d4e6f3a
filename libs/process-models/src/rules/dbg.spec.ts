import { lintModel } from '../lint-model';
import { DEFECTIVE_MODELS } from '../testing/defective-models';
import { modelLintOptions } from '../testing/lint-options';
it('dbg', async () => {
  for (const m of DEFECTIVE_MODELS.filter((x) => /bypassed by a flow|duplicate/.test(x.name))) {
    const r = await lintModel(m.xml, modelLintOptions());
    console.log(m.name, JSON.stringify(r.errors, null, 1));
  }
});
