import type { DemoPerson } from './demo-people.js';
import { integer, pick, seededRandom } from './random.js';

/** What civil affairs holds about a demo person. */
export interface DemoCivilRecord {
  idNumber: string;
  maritalStatus: 'SINGLE' | 'MARRIED' | 'DIVORCED' | 'WIDOWED';
  allowance: { status: 'RECEIVING' | 'SUSPENDED' | 'TERMINATED'; monthlyAmount: number; since: string } | null;
  disability: { certificateNumber: string; category: string; grade: number } | null;
}

export function demoCivilRecord(person: DemoPerson): DemoCivilRecord {
  const random = seededRandom(0xca11 + person.index * 31);
  const age = 2026 - Number(person.birthDate.slice(0, 4));
  const maritalStatus = age < 22 ? 'SINGLE' : pick(random, ['SINGLE', 'MARRIED', 'MARRIED', 'MARRIED', 'DIVORCED', 'WIDOWED'] as const);
  const allowance =
    random() < 0.08
      ? {
          status: pick(random, ['RECEIVING', 'RECEIVING', 'SUSPENDED', 'TERMINATED'] as const),
          monthlyAmount: integer(random, 800, 1450),
          since: `${integer(random, 2015, 2025)}-${String(integer(random, 1, 12)).padStart(2, '0')}-01`,
        }
      : null;
  const disability =
    random() < 0.05
      ? {
          certificateNumber: `${person.idNumber}${integer(random, 1, 7)}${integer(random, 1, 4)}`,
          category: pick(random, ['VISUAL', 'HEARING', 'SPEECH', 'PHYSICAL', 'INTELLECTUAL', 'MENTAL']),
          grade: integer(random, 1, 4),
        }
      : null;
  return { idNumber: person.idNumber, maritalStatus, allowance, disability };
}

/** What health holds about a demo person. */
export interface DemoHealthRecord {
  idNumber: string;
  insurance: { status: 'INSURED' | 'LAPSED' | 'NOT_ENROLLED'; scheme: 'EMPLOYEE' | 'RESIDENT' | null };
  vaccinations: Array<{ vaccine: string; dose: number; date: string }>;
  chronicConditions: string[];
}

const VACCINES = ['HepB', 'MMR', 'DTaP', 'Influenza', 'COVID-19', 'HPV', 'Varicella'];
const CONDITIONS = ['Hypertension', 'Type 2 diabetes', 'COPD', 'Coronary heart disease', 'Asthma'];

export function demoHealthRecord(person: DemoPerson): DemoHealthRecord {
  const random = seededRandom(0x4ea1 + person.index * 131);
  const roll = random();
  const insurance =
    roll < 0.9
      ? { status: 'INSURED' as const, scheme: random() < 0.6 ? ('EMPLOYEE' as const) : ('RESIDENT' as const) }
      : roll < 0.96
        ? { status: 'LAPSED' as const, scheme: 'RESIDENT' as const }
        : { status: 'NOT_ENROLLED' as const, scheme: null };
  const given = Array.from({ length: integer(random, 0, 4) }, () => ({
    vaccine: pick(random, VACCINES),
    date: `${integer(random, 2016, 2025)}-${String(integer(random, 1, 12)).padStart(2, '0')}-${String(integer(random, 1, 28)).padStart(2, '0')}`,
  })).sort((a, b) => a.date.localeCompare(b.date));
  // Oldest first, each dose numbered within its vaccine, as a register would hold them.
  const dosesSoFar = new Map<string, number>();
  const vaccinations = given.map(({ vaccine, date }) => {
    const dose = (dosesSoFar.get(vaccine) ?? 0) + 1;
    dosesSoFar.set(vaccine, dose);
    return { vaccine, dose, date };
  });
  const chronicConditions = random() < 0.15 ? [pick(random, CONDITIONS)] : [];
  return { idNumber: person.idNumber, insurance, vaccinations, chronicConditions };
}
