import { Alert, Button, Col, Form, Input, Row, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { problemOf } from '../api';
import { graphql } from '../gql';
import type { LedgerFilterInput } from '../gql/graphql';
import { useSession } from '../session';
import { DecisionTag, ExchangeDetail, type ExchangeRow } from './exchange-detail';

const EXCHANGES = graphql(`
  query ConsoleExchanges($filter: LedgerFilterInput, $after: String) {
    exchanges(filter: $filter, first: 25, after: $after) {
      hasNextPage
      endCursor
      nodes {
        exchangeId
        startedAt
        system
        department
        purpose
        decision
        maxLevel
        traceId
        chain
        seq
        hash
        entry
      }
    }
  }
`);

const DECISIONS = ['ALLOWED', 'PARTIAL', 'DENIED', 'FAILED', 'MALFORMED', 'UNAUTHENTICATED'];
const TEXT_FILTERS = ['exchangeId', 'system', 'department', 'ownerDepartment', 'coordinate', 'purpose', 'minLevel', 'from', 'to'] as const;
const LABELS: Record<(typeof TEXT_FILTERS)[number], string> = {
  exchangeId: 'field.exchangeId',
  system: 'field.system',
  department: 'field.department',
  ownerDepartment: 'field.owner',
  coordinate: 'field.coordinate',
  purpose: 'field.purpose',
  minLevel: 'field.level',
  from: 'field.from',
  to: 'field.to',
};

/** Exchange search: every filter the admin API has, pages by key (the server's cursor), an exchange's detail, export of the current filter. */
export default function ExchangesPage() {
  const { t } = useTranslation();
  const client = useClient();
  const { session } = useSession();
  const [filter, setFilter] = useState<LedgerFilterInput>({});
  const [rows, setRows] = useState<ExchangeRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [open, setOpen] = useState<ExchangeRow | null>(null);

  async function load(next: LedgerFilterInput, after: string | null) {
    const result = await client.query(EXCHANGES, { filter: next, after }).toPromise();
    setProblem(problemOf(result.error)?.message ?? null);
    const page = result.data?.exchanges;
    if (!page) return;
    setRows((current) => (after ? [...current, ...page.nodes] : page.nodes));
    setCursor(page.endCursor ?? null);
    setMore(page.hasNextPage);
  }

  function search(values: Record<string, string | undefined>) {
    const next = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== '')) as LedgerFilterInput;
    setFilter(next);
    void load(next, null);
  }

  async function download(format: 'csv' | 'ndjson') {
    const query = new URLSearchParams({ format, ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}) });
    const response = await fetch(`/admin/ledger/export?${query}`, { headers: { authorization: `Bearer ${session.token}` } });
    // A refusal is said on the screen, never saved as if it were the export.
    if (!response.ok) {
      const refused = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      setProblem(refused?.error?.message ?? `HTTP ${response.status}`);
      return;
    }
    setProblem(null);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = `causeway-ledger.${format}`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('exchanges.title')}
      </Typography.Title>
      <Form layout="vertical" onFinish={search} aria-label={t('exchanges.title')}>
        <Row gutter={12}>
          {TEXT_FILTERS.map((name) => (
            <Col span={6} key={name}>
              <Form.Item name={name} label={t(LABELS[name] as 'field.system')}>
                <Input placeholder={name === 'from' || name === 'to' ? '2026-11-30T00:00:00Z' : undefined} />
              </Form.Item>
            </Col>
          ))}
          <Col span={6}>
            <Form.Item name="decision" label={t('field.decision')}>
              <Select allowClear options={DECISIONS.map((decision) => ({ value: decision, label: decision }))} />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button onClick={() => void download('csv')}>{t('exchanges.export')} CSV</Button>
          <Button onClick={() => void download('ndjson')}>{t('exchanges.export')} NDJSON</Button>
        </Space>
      </Form>
      {problem && <Alert type="error" title={problem} />}
      <Table
        rowKey="exchangeId"
        size="small"
        dataSource={rows}
        pagination={false}
        onRow={(record) => ({ onClick: () => setOpen(record) })}
        columns={[
          { title: t('field.startedAt'), dataIndex: 'startedAt' },
          {
            title: t('field.exchangeId'),
            dataIndex: 'exchangeId',
            render: (id: string, record) => (
              <Button type="link" onClick={() => setOpen(record)}>
                {id}
              </Button>
            ),
          },
          { title: t('field.system'), dataIndex: 'system' },
          { title: t('field.purpose'), dataIndex: 'purpose' },
          { title: t('field.decision'), dataIndex: 'decision', render: (decision: string) => <DecisionTag decision={decision} /> },
          { title: t('field.level'), dataIndex: 'maxLevel' },
        ]}
      />
      {more && <Button onClick={() => void load(filter, cursor)}>{t('common.more')}</Button>}
      <ExchangeDetail record={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
