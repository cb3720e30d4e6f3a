export type RegionLevel = 'county' | 'township' | 'village';

/** GB/T 2260 code lengths as used here: county 6 digits, township 9, village 12. */
export function regionLevel(code: string): RegionLevel | null {
  if (/^\d{6}$/.test(code)) return 'county';
  if (/^\d{9}$/.test(code)) return 'township';
  if (/^\d{12}$/.test(code)) return 'village';
  return null;
}

export function townshipOf(code: string): string {
  return code.slice(0, 9);
}

export function countyOf(code: string): string {
  return code.slice(0, 6);
}

/** A clerk may act on a region when their own code is a prefix of it. */
export function regionWithin(code: string, scope: string): boolean {
  return code.startsWith(scope);
}
