import {
  DEFAULT_MATERIALS,
  MATERIAL_PROGRAMS,
  STATUTORY_MATERIAL_IDS,
  materialsFor,
  materialsProblems,
} from './materials';
import { DEFAULT_PARAMETERS } from './parameters';
import { validateParameters } from './validate-parameters';

describe('materials checklist (申请材料清单, a policy parameter)', () => {
  it('ships a lawful list for every program: the statutory minimum, each with its basis', () => {
    for (const program of MATERIAL_PROGRAMS) {
      const ids = DEFAULT_MATERIALS[program].map((m) => m.id);
      expect(ids).toEqual(expect.arrayContaining([...STATUTORY_MATERIAL_IDS]));
      expect(DEFAULT_MATERIALS[program].every((m) => m.basis.includes('《'))).toBe(true);
    }
    expect(materialsProblems(DEFAULT_MATERIALS)).toEqual([]);
    expect(validateParameters(DEFAULT_PARAMETERS)).toEqual([]);
  });

  it('uses the region’s own list, else the national minimum (rows stored before the field)', () => {
    const own = [{ id: 'application', name: '申请书', basis: '某省实施细则' }];
    expect(materialsFor({ dibao: own }, 'dibao')).toBe(own);
    expect(materialsFor({ dibao: own }, 'tekun')).toBe(DEFAULT_MATERIALS.tekun);
    expect(materialsFor(undefined, 'linshi')).toBe(DEFAULT_MATERIALS.linshi);
  });

  it('refuses a list that drops a statutory item, repeats an id or names no basis', () => {
    const dropped = DEFAULT_MATERIALS.dibao.filter((m) => m.id !== 'authorization');
    expect(materialsProblems({ dibao: dropped })).toEqual([
      {
        field: 'materials.dibao',
        message: '申请材料清单缺少法定材料“家庭经济状况核对授权书”（标识 authorization）',
      },
    ]);
    const twice = [...DEFAULT_MATERIALS.dibao, { ...DEFAULT_MATERIALS.dibao[0] }];
    expect(materialsProblems({ dibao: twice })[0]).toEqual({
      field: `materials.dibao[${twice.length - 1}].id`,
      message: '材料标识“application”重复',
    });
    const noBasis = DEFAULT_MATERIALS.dibao.map((m, i) => (i === 1 ? { ...m, basis: '' } : m));
    expect(materialsProblems({ dibao: noBasis })).toEqual([
      { field: 'materials.dibao[1].basis', message: '应写明要求该材料的依据' },
    ]);
    expect(materialsProblems({ wubao: DEFAULT_MATERIALS.dibao })[0].field).toBe('materials.wubao');
    expect(validateParameters({ ...DEFAULT_PARAMETERS, materials: { dibao: [] } })).toContainEqual({
      field: 'materials.dibao',
      message: '申请材料清单应列出1至30项材料',
    });
  });
});
