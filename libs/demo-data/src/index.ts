export { DEMO_ENTERPRISE_COUNT, DEMO_PERSON_COUNT, demoEnterprise, demoEnterprises, demoPeople, demoPerson, type DemoEnterprise, type DemoPerson } from './demo-people.js';
export { demoCivilRecord, demoHealthRecord, type DemoCivilRecord, type DemoHealthRecord } from './demo-records.js';
export { isValidCreditCode, isValidIdNumber } from './id-number.js';
export { pick, seededRandom } from './random.js';
