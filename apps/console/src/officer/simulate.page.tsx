import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { problemOf } from '../api';
import { graphql } from '../gql';
import type { ConsoleSimulateQuery } from '../gql/graphql';
import { SimulatedFields } from './simulated-fields';

const SIMULATE = graphql(`
  query ConsoleSimulate($system: String, $purpose: String!, $operation: String!) {
    simulate(system: $system, purpose: $purpose, operation: $operation) {
      ...SimulatedFieldParts
    }
  }
`);

type Row = ConsoleSimulateQuery['simulate'][number];

/** What-if (模拟): the live policy's decision, field by field, for a system asking an operation for a purpose — without fetching any data. */
export default function SimulatePage() {
  const { t } = useTranslation();
  const client = useClient();
  const [rows, setRows] = useState<Row[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  async function run(values: { system: string; purpose: string; operation: string }) {
    const result = await client.query(SIMULATE, values).toPromise();
    setProblem(problemOf(result.error)?.message ?? null);
    setRows(result.data?.simulate ?? []);
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('simulate.title')}
      </Typography.Title>
      <Form
        layout="vertical"
        onFinish={(values: { system: string; purpose: string; operation: string }) => void run(values)}
        initialValues={{ operation: '{ person(idNumber: "110105197706270614") { name maritalStatus } }' }}
      >
        <Space wrap>
          <Form.Item name="system" label={t('field.system')} htmlFor="simulate-system">
            <Input id="simulate-system" placeholder="health.vaccination-outreach" style={{ width: 280 }} />
          </Form.Item>
          <Form.Item name="purpose" label={t('field.purpose')} htmlFor="simulate-purpose">
            <Input id="simulate-purpose" placeholder="vaccination-outreach" style={{ width: 240 }} />
          </Form.Item>
        </Space>
        <Form.Item name="operation" label={t('simulate.operation')} htmlFor="simulate-operation">
          <Input.TextArea id="simulate-operation" rows={4} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('simulate.run')}
        </Button>
      </Form>
      {problem && <Alert type="error" title={problem} />}
      <SimulatedFields rows={rows} />
    </Space>
  );
}
