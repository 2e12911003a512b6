import { Alert, Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { problemOf } from '../api';
import { ReasonDialog } from '../shared/reason-dialog';
import { graphql } from '../gql';

const VERSIONS = graphql(`
  query ConsoleSupergraph {
    supergraphVersions(last: 20) {
      version
      status
      source
      createdAt
      proposedBy
      decidedBy
      added
      removed
      loosened
    }
  }
`);

const APPROVE = graphql(`
  mutation ConsoleApproveSupergraph($version: Int!) {
    approveSupergraph(version: $version) {
      version
      status
    }
  }
`);
const REJECT = graphql(`
  mutation ConsoleRejectSupergraph($version: Int!, $reason: String!) {
    rejectSupergraph(version: $version, reason: $reason) {
      version
      status
    }
  }
`);

/** Supergraph versions with their checks (what each adds, removes and loosens) and who proposed and decided them. */
export default function SupergraphPage() {
  const { t } = useTranslation();
  const [{ data }, refetch] = useQuery({ query: VERSIONS });
  const [, approve] = useMutation(APPROVE);
  const [, reject] = useMutation(REJECT);
  const [problem, setProblem] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<number | null>(null);
  async function decide(run: () => Promise<{ error?: Parameters<typeof problemOf>[0] }>) {
    setProblem(problemOf((await run()).error)?.message ?? null);
    refetch({ requestPolicy: 'network-only' });
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('supergraph.title')}
      </Typography.Title>
      {problem && <Alert type="error" title={problem} />}
      <Table
        rowKey="version"
        size="small"
        dataSource={data?.supergraphVersions ?? []}
        pagination={false}
        columns={[
          { title: t('field.version'), dataIndex: 'version' },
          { title: t('field.status'), dataIndex: 'status' },
          { title: t('supergraph.source'), dataIndex: 'source' },
          { title: t('field.at'), dataIndex: 'createdAt' },
          { title: t('supergraph.proposedDecided'), key: 'who', render: (_: unknown, row) => `${row.proposedBy} / ${row.decidedBy ?? '—'}` },
          { title: '+ / − / loosened', key: 'checks', render: (_: unknown, row) => `${row.added.length} / ${row.removed.length} / ${row.loosened.length}` },
          {
            title: '',
            key: 'decide',
            render: (_: unknown, row) =>
              row.status === 'PENDING' && (
                <Space>
                  <Button type="primary" onClick={() => void decide(() => approve({ version: row.version }))}>
                    {t('supergraph.approve')}
                  </Button>
                  <Button danger onClick={() => setRejecting(row.version)}>
                    {t('supergraph.reject')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <ReasonDialog
        open={rejecting !== null}
        title={t('supergraph.reject')}
        label={t('field.reason')}
        onCancel={() => setRejecting(null)}
        onSubmit={(reason) =>
          decide(() => reject({ version: rejecting!, reason })).then(() => {
            setRejecting(null);
            return true;
          })
        }
      />
    </Space>
  );
}
