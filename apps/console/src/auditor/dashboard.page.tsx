import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';
import { problemOf } from '../api';
import { graphql } from '../gql';
import { Chart } from '../shared/chart';
import { DecisionTag } from './exchange-detail';

const STATISTICS = graphql(`
  query ConsoleStatistics($from: String!, $to: String!) {
    ledgerStatistics(from: $from, to: $to) {
      decisions {
        decision
        count
      }
      pairs {
        day
        callerDepartment
        ownerDepartment
        exchanges
      }
      deniedFields {
        coordinate
        count
      }
      mostReadFields {
        coordinate
        count
      }
      gravest {
        exchangeId
        startedAt
        system
        decision
        maxLevel
      }
    }
  }
`);

const VERIFY = graphql(`
  query ConsoleVerify {
    ledgerVerification {
      ok
      verified
      chains
      checkpoints
    }
  }
`);

const DAY = 86_400_000;

/** The auditor's overview of the last 30 days: exchanges per day, decisions, the department matrix, the most denied and most read fields, the gravest exchanges, and verification on demand. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const client = useClient();
  const window = useMemo(() => ({ from: new Date(Date.now() - 30 * DAY).toISOString(), to: new Date(Date.now() + 60_000).toISOString() }), []);
  const [{ data, error }] = useQuery({ query: STATISTICS, variables: window });
  const [verification, setVerification] = useState<{ ok: boolean; verified: number; at: string } | null>(null);
  const statistics = data?.ledgerStatistics;

  const perDay = useMemo(() => {
    const days = new Map<string, number>();
    for (const pair of statistics?.pairs ?? []) days.set(pair.day, (days.get(pair.day) ?? 0) + pair.exchanges);
    return [...days.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [statistics]);
  const matrix = useMemo(() => {
    const callers = [...new Set((statistics?.pairs ?? []).map((pair) => pair.callerDepartment))].sort();
    const owners = [...new Set((statistics?.pairs ?? []).map((pair) => pair.ownerDepartment))].sort();
    const cells = new Map<string, number>();
    for (const pair of statistics?.pairs ?? [])
      cells.set(`${pair.callerDepartment}|${pair.ownerDepartment}`, (cells.get(`${pair.callerDepartment}|${pair.ownerDepartment}`) ?? 0) + pair.exchanges);
    return { callers, owners, cells: [...cells.entries()].map(([key, count]) => [owners.indexOf(key.split('|')[1]!), callers.indexOf(key.split('|')[0]!), count]) };
  }, [statistics]);

  async function verify() {
    const result = await client.query(VERIFY, {}).toPromise();
    const found = result.data?.ledgerVerification;
    if (found) setVerification({ ok: found.ok, verified: found.verified, at: new Date().toLocaleString() });
  }

  const fieldTable = (rows: Array<{ coordinate: string; count: number }>) => (
    <Table
      size="small"
      rowKey="coordinate"
      pagination={false}
      dataSource={rows.slice(0, 10)}
      columns={[
        { title: t('field.coordinate'), dataIndex: 'coordinate' },
        { title: '#', dataIndex: 'count' },
      ]}
    />
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('dashboard.title')}
      </Typography.Title>
      {error && <Alert type="error" title={problemOf(error)?.message} />}
      <Row gutter={16}>
        <Col span={16}>
          <Card title={t('dashboard.decisions')}>
            <Chart
              label={t('dashboard.decisions')}
              option={{
                grid: { left: 40, right: 16, top: 16, bottom: 32 },
                tooltip: {},
                xAxis: { type: 'category', data: perDay.map(([day]) => day) },
                yAxis: { type: 'value' },
                series: [{ type: 'bar', data: perDay.map(([, count]) => count) }],
              }}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card title={t('field.decision')}>
            <Chart
              label={t('field.decision')}
              option={{ tooltip: {}, series: [{ type: 'pie', radius: '65%', data: (statistics?.decisions ?? []).map((decision) => ({ name: decision.decision, value: decision.count })) }] }}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('dashboard.matrix')}>
        <Chart
          label={t('dashboard.matrix')}
          option={{
            tooltip: {},
            grid: { left: 140, right: 16, top: 16, bottom: 48 },
            xAxis: { type: 'category', data: matrix.owners },
            yAxis: { type: 'category', data: matrix.callers },
            visualMap: { min: 0, max: Math.max(1, ...matrix.cells.map((cell) => cell[2] as number)), orient: 'horizontal', left: 'center', bottom: 0, calculable: false, show: false },
            series: [{ type: 'heatmap', data: matrix.cells, label: { show: true } }],
          }}
        />
      </Card>
      <Row gutter={16}>
        <Col span={8}>
          <Card title={t('dashboard.denied')}>{fieldTable(statistics?.deniedFields ?? [])}</Card>
        </Col>
        <Col span={8}>
          <Card title={t('dashboard.read')}>{fieldTable(statistics?.mostReadFields ?? [])}</Card>
        </Col>
        <Col span={8}>
          <Card title={t('dashboard.verification')} extra={<Button onClick={() => void verify()}>{t('dashboard.verifyNow')}</Button>}>
            {verification ? (
              <Statistic title={verification.at} value={`${verification.ok ? t('dashboard.verified') : t('dashboard.failed')} · ${verification.verified}`} />
            ) : (
              t('common.none')
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('dashboard.gravest')}>
        <Table
          size="small"
          rowKey="exchangeId"
          pagination={false}
          dataSource={statistics?.gravest ?? []}
          columns={[
            { title: t('field.startedAt'), dataIndex: 'startedAt' },
            { title: t('field.exchangeId'), dataIndex: 'exchangeId' },
            { title: t('field.system'), dataIndex: 'system' },
            { title: t('field.decision'), dataIndex: 'decision', render: (decision: string) => <DecisionTag decision={decision} /> },
            { title: t('field.level'), dataIndex: 'maxLevel' },
          ]}
        />
      </Card>
    </Space>
  );
}
