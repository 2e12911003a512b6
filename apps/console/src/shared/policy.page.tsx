import { Alert, App, Button, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { problemOf } from '../api';
import { graphql } from '../gql';
import { hasRole, useSession } from '../session';

const VERSIONS = graphql(`
  query ConsolePolicyVersions {
    policyVersions(last: 30) {
      version
      at
      actor
      action
      subject
    }
  }
`);
const ROLLBACK = graphql(`
  mutation ConsoleRollback($toVersion: Int!) {
    rollbackPolicy(toVersion: $toVersion) {
      version
    }
  }
`);

/** Policy versions, newest first, with who changed what; a rollback (officers: their department's grants only) makes a new version. */
export default function PolicyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const [{ data }, refetch] = useQuery({ query: VERSIONS });
  const [, rollback] = useMutation(ROLLBACK);
  const [problem, setProblem] = useState<string | null>(null);

  async function restore(version: number) {
    const result = await rollback({ toVersion: version });
    const found = problemOf(result.error);
    setProblem(found?.message ?? null);
    if (found) return;
    void message.success(t('grants.saved', { version: result.data!.rollbackPolicy.version }));
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('policy.title')}
      </Typography.Title>
      {problem && <Alert type="error" title={problem} />}
      <Table
        rowKey="version"
        size="small"
        dataSource={data?.policyVersions ?? []}
        pagination={false}
        columns={[
          { title: t('field.version'), dataIndex: 'version' },
          { title: t('field.at'), dataIndex: 'at' },
          { title: t('policy.actor'), dataIndex: 'actor' },
          { title: t('field.kind'), dataIndex: 'action' },
          { title: t('field.subject'), dataIndex: 'subject' },
          {
            title: '',
            key: 'rollback',
            render: (_: unknown, row) =>
              hasRole(session, 'officer', 'administrator') && (
                <Popconfirm title={t('policy.confirm', { version: row.version })} okText={t('policy.rollback')} cancelText={t('common.cancel')} onConfirm={() => void restore(row.version)}>
                  <Button>{t('policy.rollback')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Space>
  );
}
