const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export interface ResidentIdInfo {
  regionCode: string;
  birthDate: string;
  sex: 'male' | 'female';
}

/**
 * First two digits of a GB 11643 number: the province-level division of GB/T 2260 where it was
 * issued (81/82/83 are the 港澳台居民居住证 codes).
 */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

const PROVINCE_CODES = new Set([...PROVINCES].map(Number));
const ID_FORMAT = /^\d{17}[\dX]$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real day from 1900 on; plain arithmetic, since a re-assessment checks every member's ID. */
function isBirthDay(year: number, month: number, day: number): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : MONTH_DAYS[month - 1]);
}

/** The GB 11643 check character of the first 17 digits. */
function checkChar(id: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += WEIGHTS[i] * (id.charCodeAt(i) - 48);
  return CHECK_CHARS[sum % 11];
}

/** Why an ID number is invalid, in words a clerk can act on; null when it is valid. */
export function residentIdProblem(id: string, today?: string): string | null {
  if (typeof id !== 'string' || !ID_FORMAT.test(id)) return '应为18位，前17位为数字，末位为数字或大写X';
  // Digits by char code: every member of every household passes here on a bulk re-assessment.
  const d = (i: number) => id.charCodeAt(i) - 48;
  if (!PROVINCE_CODES.has(d(0) * 10 + d(1))) return `前两位 ${id.slice(0, 2)} 不是省级行政区划代码`;
  const birth = () => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isBirthDay(d(6) * 1000 + d(7) * 100 + d(8) * 10 + d(9), d(10) * 10 + d(11), d(12) * 10 + d(13))) {
    return `出生日期 ${birth()} 不存在`;
  }
  if (today && birth() > today) return `出生日期 ${birth()} 晚于今天`;
  if (checkChar(id) !== id[17]) return '校验码错误（GB 11643），请核对号码';
  return null;
}

/** Reads birth date and sex from a valid 18-digit resident ID (GB 11643). */
export function parseResidentId(id: string): ResidentIdInfo {
  const problem = residentIdProblem(id);
  if (problem) throw new Error(`身份证号码无效：${problem}`);
  return {
    regionCode: id.slice(0, 6),
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Completes 17 digits with their check character: for demo data and tests. */
export function withCheckDigit(first17: string): string {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return first17 + CHECK_CHARS[sum % 11];
}

/** Masks for anything a third party may see: first 6 and last 4 remain. */
export function maskResidentId(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '******';
}

/**
 * The last IDs found valid, with their birth year and MMDD. One assessment asks the age of the
 * same few people in several rules, and the check (pattern, region, calendar, check digit) cost
 * more than the age; a small ring, since a bulk re-assessment sees every stored person once.
 */
const RING = 16;
const ringIds: string[] = new Array<string>(RING).fill('');
const ringYears = new Int32Array(RING);
const ringMonthDays = new Int32Array(RING);
let ringNext = 0;
/** The date asked last, parsed: a bulk run asks every age on one date. */
let lastOnDate = '';
let lastOnYear = 0;
let lastOnMonthDay = 0;

export function ageOn(id: string, onDate: string): number {
  let slot = -1;
  for (let i = 0; i < RING; i++) {
    if (ringIds[i] === id) {
      slot = i;
      break;
    }
  }
  if (slot < 0) {
    const problem = residentIdProblem(id);
    if (problem) throw new Error(`身份证号码无效：${problem}`);
    slot = ringNext;
    ringNext = (ringNext + 1) % RING;
    ringIds[slot] = id;
    ringYears[slot] = Number(id.slice(6, 10));
    // Month and day as MMDD numbers: compared without building date strings.
    ringMonthDays[slot] = Number(id.slice(10, 14));
  }
  if (onDate !== lastOnDate) {
    lastOnDate = onDate;
    lastOnYear = Number(onDate.slice(0, 4));
    lastOnMonthDay = Number(onDate.slice(5, 7)) * 100 + Number(onDate.slice(8, 10));
  }
  let age = lastOnYear - ringYears[slot];
  if (lastOnMonthDay < ringMonthDays[slot]) age--;
  return age;
}
