import { Alert, Button, Collapse, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { problemOf, type ApiProblem } from '../api';
import { graphql } from '../gql';
import type { GrantInput } from '../gql/graphql';
import { SimulatedFields, type SimulatedField } from './simulated-fields';

const WHAT_IF = graphql(`
  query ConsoleGrantWhatIf($system: String!, $purpose: String!, $operation: String!, $put: GrantInput!) {
    simulate(system: $system, purpose: $purpose, operation: $operation, put: $put) {
      ...SimulatedFieldParts
    }
  }
`);

/**
 * The what-if (模拟) of the grant being edited, before it is saved: a
 * calling system's operation decided by the live policy as if the grant
 * were in it. The grant's subject and purpose are the defaults; a problem
 * with the grant itself goes to the form (`onGrantProblem`), under its input.
 */
export function GrantWhatIf({ grant, onGrantProblem }: { grant: () => GrantInput; onGrantProblem: (problem: ApiProblem) => boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const [system, setSystem] = useState('');
  const [purpose, setPurpose] = useState('');
  const [operation, setOperation] = useState('');
  const [rows, setRows] = useState<SimulatedField[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function run() {
    const put = grant();
    const variables = { put, system: system.trim() || put.subject, purpose: purpose.trim() || (put.purpose === '*' ? '' : put.purpose), operation };
    const result = await client.query(WHAT_IF, variables).toPromise();
    const found = problemOf(result.error);
    setRows(result.data?.simulate ?? null);
    setProblem(found && !(found.argument?.startsWith('input.') && onGrantProblem(found)) ? found.message : null);
  }

  const body = (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <label htmlFor="what-if-system">{t('field.system')}</label>
        <Input id="what-if-system" value={system} onChange={(event) => setSystem(event.target.value)} placeholder={t('grants.whatIfDefault')} style={{ width: 240 }} />
        <label htmlFor="what-if-purpose">{t('field.purpose')}</label>
        <Input id="what-if-purpose" value={purpose} onChange={(event) => setPurpose(event.target.value)} placeholder={t('grants.whatIfDefault')} style={{ width: 200 }} />
      </Space>
      <label htmlFor="what-if-operation">{t('simulate.operation')}</label>
      <Input.TextArea id="what-if-operation" rows={3} value={operation} onChange={(event) => setOperation(event.target.value)} style={{ fontFamily: 'monospace' }} />
      <Button onClick={() => void run()}>{t('simulate.run')}</Button>
      {problem && <Alert type="error" title={problem} />}
      {rows && <SimulatedFields rows={rows} />}
    </Space>
  );
  return <Collapse size="small" style={{ marginBottom: 16 }} items={[{ key: 'what-if', label: t('grants.whatIf'), children: body }]} />;
}
