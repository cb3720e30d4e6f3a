import { MAX_DRAWN, sealSvg } from './seal';

describe('seal drawings kept per organ', () => {
  it('draws an organ seal once and redraws one pushed out past MAX_DRAWN the same', () => {
    const first = sealSvg('平安县民政局');
    expect(sealSvg('平安县民政局')).toBe(first);
    expect(sealSvg('平安县城关镇人民政府')).not.toBe(first);
    for (let i = 0; i < MAX_DRAWN; i++) sealSvg(`平安县第${i}民政所`);
    expect(sealSvg('平安县民政局')).toBe(first);
  });
});
