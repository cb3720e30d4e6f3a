import { prerequisiteStates, unmetPrerequisiteMessage } from './prerequisites';

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

  it('holds the authorization until no adult is missing, naming those who are', () => {
    const [unmet] = prerequisiteStates(['authorization'], {
      economics: null,
      unsignedAdults: ['刘秀英', '王大'],
    });
    expect(unmet.met).toBe(false);
    expect(unmet.message).toContain('刘秀英、王大');
    expect(prerequisiteStates(['authorization'], { economics: null, unsignedAdults: [] })[0].met).toBe(true);
  });

  it('refuses naming the refused step and what must come first', () => {
    const states = prerequisiteStates(['economics'], { economics: null });
    expect(unmetPrerequisiteMessage(states, '邻里访问')).toMatch(
      /^尚不能办理“邻里访问”：须先在“经济状况测算”/,
    );
    expect(
      unmetPrerequisiteMessage(prerequisiteStates(['economics'], { economics: {} }), '邻里访问'),
    ).toBeUndefined();
  });
});
