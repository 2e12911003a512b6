import { Alert, Button, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { problemOf } from '../api';
import { graphql } from '../gql';
import type { ConsoleSubjectExchangesQuery } from '../gql/graphql';
import { DecisionTag } from './exchange-detail';

const SUBJECT_EXCHANGES = graphql(`
  query ConsoleSubjectExchanges($subject: DataSubjectInput!, $after: String) {
    subjectExchanges(subject: $subject, first: 25, after: $after) {
      hasNextPage
      endCursor
      nodes {
        exchangeId
        startedAt
        system
        department
        purpose
        decision
        fields {
          coordinate
          outcome
        }
      }
    }
  }
`);

type Row = ConsoleSubjectExchangesQuery['subjectExchanges']['nodes'][number];

/** Who read this person's or enterprise's data (PIPL Art. 45): the exchanges that released it, when, to whom, for what; the question is itself recorded. */
export default function SubjectsPage() {
  const { t } = useTranslation();
  const client = useClient();
  const [subject, setSubject] = useState<{ type: string; key: string } | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function load(next: { type: string; key: string }, after: string | null) {
    const result = await client.query(SUBJECT_EXCHANGES, { subject: next, after }).toPromise();
    setProblem(problemOf(result.error)?.message ?? null);
    const page = result.data?.subjectExchanges;
    if (!page) return;
    setRows((current) => (after ? [...current, ...page.nodes] : page.nodes));
    setCursor(page.endCursor ?? null);
    setMore(page.hasNextPage);
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('subjects.title')}
      </Typography.Title>
      <Form
        layout="inline"
        initialValues={{ type: 'Person' }}
        onFinish={(values: { type: string; key: string }) => {
          setSubject(values);
          void load(values, null);
        }}
      >
        <Form.Item name="type" label={t('field.kind')} htmlFor="subject-type">
          <Select
            id="subject-type"
            aria-label={t('field.kind')}
            style={{ width: 160 }}
            options={[
              { value: 'Person', label: t('subjects.person') },
              { value: 'Enterprise', label: t('subjects.enterprise') },
            ]}
          />
        </Form.Item>
        <Form.Item name="key" label={t('subjects.key')} htmlFor="subject-key">
          <Input id="subject-key" style={{ width: 260 }} autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form>
      {problem && <Alert type="error" title={problem} />}
      <Table
        rowKey="exchangeId"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('field.startedAt'), dataIndex: 'startedAt' },
          { title: t('field.system'), dataIndex: 'system' },
          { title: t('field.purpose'), dataIndex: 'purpose' },
          { title: t('field.decision'), dataIndex: 'decision', render: (decision: string) => <DecisionTag decision={decision} /> },
          { title: t('exchanges.fields'), dataIndex: 'fields', render: (fields: Row['fields']) => fields.map((field) => `${field.coordinate} (${field.outcome})`).join(', ') },
        ]}
      />
      {more && subject && <Button onClick={() => void load(subject, cursor)}>{t('common.more')}</Button>}
    </Space>
  );
}
