import { prerequisiteStates } from './prerequisites';

describe('prerequisiteStates (sa:requires)', () => {
  it.each<[string[], object | null, boolean[]]>([
    [['economics'], null, [false]],
    [['economics'], { members: [] }, [true]],
    [[], null, []],
    [['unknown'], { members: [] }, [false]],
  ])('%j with economics %j → met %j', (keys, economics, met) => {
    expect(prerequisiteStates(keys, { economics }).map((p) => p.met)).toEqual(met);
  });

  it('tells the clerk what to do first', () => {
    expect(prerequisiteStates(['economics'], { economics: null })[0].message).toContain('保存家庭经济状况');
  });
});
