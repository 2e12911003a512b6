import { Card, Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { DecisionTag } from '../auditor/exchange-detail';

const USAGE = graphql(`
  query ConsoleOwnerUsage($from: String!, $to: String!) {
    ownerUsage(from: $from, to: $to) {
      owner
      reads {
        day
        system
        purpose
        coordinate
        served
        masked
        denied
      }
      gravest {
        exchangeId
        startedAt
        system
        purpose
        decision
      }
    }
  }
`);

const DAY = 86_400_000;

/** Who reads the department's data (共享调用统计), over the last 30 days: per system, purpose, field and day, and the gravest exchanges. */
export default function UsagePage() {
  const { t } = useTranslation();
  const range = useMemo(() => ({ from: new Date(Date.now() - 30 * DAY).toISOString(), to: new Date(Date.now() + 60_000).toISOString() }), []);
  const [{ data }] = useQuery({ query: USAGE, variables: range });
  const usage = data?.ownerUsage;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('usage.title')}
      </Typography.Title>
      <Table
        rowKey={(row) => `${row.day}|${row.system}|${row.purpose}|${row.coordinate}`}
        size="small"
        dataSource={usage?.reads ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('usage.day'), dataIndex: 'day' },
          { title: t('field.system'), dataIndex: 'system' },
          { title: t('field.purpose'), dataIndex: 'purpose' },
          { title: t('field.coordinate'), dataIndex: 'coordinate' },
          { title: t('usage.served'), dataIndex: 'served' },
          { title: t('usage.masked'), dataIndex: 'masked' },
          { title: t('usage.denied'), dataIndex: 'denied' },
        ]}
      />
      <Card title={t('dashboard.gravest')}>
        <Table
          rowKey="exchangeId"
          size="small"
          pagination={false}
          dataSource={usage?.gravest ?? []}
          columns={[
            { title: t('field.startedAt'), dataIndex: 'startedAt' },
            { title: t('field.exchangeId'), dataIndex: 'exchangeId' },
            { title: t('field.system'), dataIndex: 'system' },
            { title: t('field.purpose'), dataIndex: 'purpose' },
            { title: t('field.decision'), dataIndex: 'decision', render: (decision: string) => <DecisionTag decision={decision} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
