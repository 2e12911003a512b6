import { Alert, Card, Col, Row, Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { problemOf } from '../api';
import { graphql } from '../gql';
import { Chart } from '../shared/chart';
import { DecisionTag } from './exchange-detail';
import { VerificationCard } from './verification-card';

const STATISTICS = graphql(`
  query ConsoleStatistics($from: String!, $to: String!) {
    ledgerStatistics(from: $from, to: $to) {
      decisions {
        decision
        count
      }
      days {
        day
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

/** One colour per decision in every chart, so a decision reads the same in the bars and in the pie. */
const DECISION_CHART_COLORS: Record<string, string> = {
  ALLOWED: '#2e7d32',
  PARTIAL: '#1565c0',
  DENIED: '#c62828',
  FAILED: '#6a1b9a',
  UNAUTHENTICATED: '#ef6c00',
};

const DAY = 86_400_000;

/** One stacked series per decision over the days of the range. */
function decisionSeries(rows: ReadonlyArray<{ day: string; decision: string; count: number }>) {
  const days = [...new Set(rows.map((row) => row.day))].sort();
  const decisions = [...new Set(rows.map((row) => row.decision))].sort();
  const series = decisions.map((decision) => ({
    name: decision,
    type: 'bar' as const,
    stack: 'exchanges',
    itemStyle: { color: DECISION_CHART_COLORS[decision] },
    data: days.map((day) => rows.find((row) => row.day === day && row.decision === decision)?.count ?? 0),
  }));
  return { days, series };
}

/** Exchanges from each calling department (rows) to each owning department (columns), as heat-map cells. */
function departmentMatrix(pairs: ReadonlyArray<{ callerDepartment: string; ownerDepartment: string; exchanges: number }>) {
  const callers = [...new Set(pairs.map((pair) => pair.callerDepartment))].sort();
  const owners = [...new Set(pairs.map((pair) => pair.ownerDepartment))].sort();
  const cells = new Map<string, number>();
  for (const pair of pairs) cells.set(`${pair.callerDepartment}|${pair.ownerDepartment}`, (cells.get(`${pair.callerDepartment}|${pair.ownerDepartment}`) ?? 0) + pair.exchanges);
  return { callers, owners, cells: [...cells.entries()].map(([key, count]) => [owners.indexOf(key.split('|')[1]!), callers.indexOf(key.split('|')[0]!), count]) };
}

/** The auditor's overview of the last 30 days: exchanges per day, decisions, the department matrix, the most denied and most read fields, the gravest exchanges, and the ledger's verification: when it last ran, what it found, and a run on demand. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const window = useMemo(() => ({ from: new Date(Date.now() - 30 * DAY).toISOString(), to: new Date(Date.now() + 60_000).toISOString() }), []);
  const [{ data, error }] = useQuery({ query: STATISTICS, variables: window });
  const statistics = data?.ledgerStatistics;

  const perDay = useMemo(() => decisionSeries(statistics?.days ?? []), [statistics]);
  const matrix = useMemo(() => departmentMatrix(statistics?.pairs ?? []), [statistics]);

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
                grid: { left: 40, right: 16, top: 16, bottom: 56 },
                tooltip: { trigger: 'axis' },
                legend: { bottom: 0 },
                xAxis: { type: 'category', data: perDay.days },
                yAxis: { type: 'value' },
                series: perDay.series,
              }}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card title={t('field.decision')}>
            <Chart
              label={t('field.decision')}
              option={{
                tooltip: {},
                series: [
                  {
                    type: 'pie',
                    radius: '65%',
                    data: (statistics?.decisions ?? []).map((decision) => ({
                      name: decision.decision,
                      value: decision.count,
                      itemStyle: { color: DECISION_CHART_COLORS[decision.decision] },
                    })),
                  },
                ],
              }}
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
          <VerificationCard />
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
