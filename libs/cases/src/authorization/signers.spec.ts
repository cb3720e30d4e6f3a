import { withCheckDigit } from '@app/assistance';
import { unsignedAdults } from './signers';

describe('unsignedAdults (every adult signs the 核对授权书)', () => {
  const father = { name: '王建国', idNumber: withCheckDigit('41079919810305001') };
  // Turns 18 on 2026-12-08.
  const daughter = { name: '王小丽', idNumber: withCheckDigit('41079920081208002') };
  const son = { name: '王小明', idNumber: withCheckDigit('41079920110902003') };

  it('counts a member as adult from their 18th birthday, read from the ID number', () => {
    expect(unsignedAdults([father, daughter, son], [], '2026-12-07').map((m) => m.name)).toEqual(['王建国']);
    expect(unsignedAdults([father, daughter, son], [], '2026-12-08').map((m) => m.name)).toEqual([
      '王建国',
      '王小丽',
    ]);
  });

  it('leaves out who has signed', () => {
    expect(unsignedAdults([father, daughter], [father.idNumber], '2026-12-08')).toEqual([daughter]);
    expect(unsignedAdults([father], [father.idNumber], '2026-12-08')).toEqual([]);
  });
});
