import { Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
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

/** Supergraph versions with their checks (what each adds, removes and loosens) and who proposed and decided them. */
export default function SupergraphPage() {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: VERSIONS });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('supergraph.title')}
      </Typography.Title>
      <Table
        rowKey="version"
        size="small"
        dataSource={data?.supergraphVersions ?? []}
        pagination={false}
        columns={[
          { title: t('field.version'), dataIndex: 'version' },
          { title: t('field.status'), dataIndex: 'status' },
          { title: 'source', dataIndex: 'source' },
          { title: t('field.at'), dataIndex: 'createdAt' },
          { title: 'proposed / decided', key: 'who', render: (_: unknown, row) => `${row.proposedBy} / ${row.decidedBy ?? '—'}` },
          { title: '+ / − / loosened', key: 'checks', render: (_: unknown, row) => `${row.added.length} / ${row.removed.length} / ${row.loosened.length}` },
        ]}
      />
    </Space>
  );
}
