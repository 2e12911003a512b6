import { creditCodeCheckChar, CREDIT_CODE_ALPHABET, idNumberCheckChar } from './id-number.js';
import { integer, pick, seededRandom } from './random.js';

/**
 * Deterministic demo population. Every bureau derives its own records from
 * the same person index, so the same ID numbers appear wherever they should
 * without the bureaus sharing a database. No real persons.
 */
export const DEMO_PERSON_COUNT = 1000;
export const DEMO_ENTERPRISE_COUNT = 200;

const DISTRICTS = [
  { code: '110101', name: '东城区' },
  { code: '110102', name: '西城区' },
  { code: '110105', name: '朝阳区' },
  { code: '110106', name: '丰台区' },
  { code: '110107', name: '石景山区' },
  { code: '110108', name: '海淀区' },
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '欧阳', '司马'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '桂兰', '建华'];
const STREETS = ['长安街', '建国路', '学院路', '中关村大街', '朝阳北路', '丰台路', '金融街', '王府井大街'];

export interface DemoPerson {
  index: number;
  idNumber: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  householdAddress: string;
  phone: string;
  district: string;
}

export function demoPerson(index: number): DemoPerson {
  const random = seededRandom(0xc0ffee + index * 7919);
  const district = pick(random, DISTRICTS);
  const year = integer(random, 1940, 2015);
  const month = integer(random, 1, 12);
  const day = integer(random, 1, 28);
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const gender = random() < 0.5 ? 'MALE' : 'FEMALE';
  // Sequence: the index keeps ID numbers unique; its last digit's parity encodes gender.
  const sequence = (index % 500) * 2 + (gender === 'MALE' ? 1 : 0);
  const first17 = `${district.code}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  const name = pick(random, SURNAMES) + pick(random, GIVEN);
  const phone = `1${pick(random, ['3', '5', '7', '8', '9'])}${String(integer(random, 0, 999_999_999)).padStart(9, '0')}`;
  const householdAddress = `北京市${district.name}${pick(random, STREETS)}${integer(random, 1, 300)}号${integer(random, 1, 20)}单元${integer(random, 101, 2208)}室`;
  return {
    index,
    idNumber: first17 + idNumberCheckChar(first17),
    name,
    gender,
    birthDate,
    householdAddress,
    phone,
    district: district.name,
  };
}

export function demoPeople(count = DEMO_PERSON_COUNT): DemoPerson[] {
  const people = Array.from({ length: count }, (_, i) => demoPerson(i));
  // Two indices could only collide on district+birth date+sequence; the
  // sequence derives from the index, so this is a guard, not an expectation.
  if (new Set(people.map((p) => p.idNumber)).size !== people.length) {
    throw new Error('demo data generator produced duplicate ID numbers');
  }
  return people;
}

export interface DemoEnterprise {
  index: number;
  creditCode: string;
  name: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'REVOKED' | 'CANCELLED';
  registeredCapital: number;
  address: string;
  establishedOn: string;
  legalRepresentativeIndex: number;
}

const TRADES = ['科技', '贸易', '餐饮', '建筑', '物流', '医药', '文化传媒', '咨询'];
const BRANDS = ['华信', '京泰', '远景', '恒通', '瑞丰', '新元', '博雅', '安和', '金桥', '天成'];

export function demoEnterprise(index: number, personCount = DEMO_PERSON_COUNT): DemoEnterprise {
  const random = seededRandom(0xbeef + index * 104729);
  const district = pick(random, DISTRICTS);
  // 9 = registered by market regulation, 1 = enterprise; then the district code.
  let body = `91${district.code}`;
  while (body.length < 17) body += CREDIT_CODE_ALPHABET[integer(random, 0, 9)];
  // Guarantee uniqueness by writing the index into the organisation code part.
  body = body.slice(0, 13) + String(index).padStart(4, '0');
  const statusRoll = random();
  return {
    index,
    creditCode: body + creditCodeCheckChar(body),
    name: `北京${pick(random, BRANDS)}${pick(random, TRADES)}有限公司`,
    status: statusRoll < 0.85 ? 'ACTIVE' : statusRoll < 0.92 ? 'SUSPENDED' : statusRoll < 0.97 ? 'REVOKED' : 'CANCELLED',
    registeredCapital: integer(random, 10, 50_000) * 10_000,
    address: `北京市${district.name}${pick(random, STREETS)}${integer(random, 1, 300)}号`,
    establishedOn: `${integer(random, 1995, 2024)}-${String(integer(random, 1, 12)).padStart(2, '0')}-${String(integer(random, 1, 28)).padStart(2, '0')}`,
    // Some people represent several enterprises; most represent none.
    legalRepresentativeIndex: integer(random, 0, Math.min(personCount, 400) - 1),
  };
}

export function demoEnterprises(count = DEMO_ENTERPRISE_COUNT, personCount = DEMO_PERSON_COUNT): DemoEnterprise[] {
  return Array.from({ length: count }, (_, i) => demoEnterprise(i, personCount));
}
