import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useSession } from '../session';

const CATALOG = graphql(`
  query ConsoleCatalog($filter: CatalogFilterInput) {
    catalog(filter: $filter) {
      coordinate
      owner
      level
      pii
      sharing
      description
    }
  }
`);

/** The department's data catalog (every department's, for a person of none): every field, its level, PII kind and sharing mode. */
export default function CatalogPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [{ data }] = useQuery({ query: CATALOG, variables: { filter: session.person.department ? { owner: session.person.department } : null } });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t(session.person.department ? 'catalog.title' : 'catalog.titleAll')}
      </Typography.Title>
      <Table
        rowKey="coordinate"
        size="small"
        dataSource={data?.catalog ?? []}
        pagination={{ pageSize: 25 }}
        columns={[
          { title: t('field.coordinate'), dataIndex: 'coordinate' },
          { title: t('field.owner'), dataIndex: 'owner' },
          { title: t('field.level'), dataIndex: 'level', render: (level: string) => <Tag>{level}</Tag> },
          { title: t('field.pii'), dataIndex: 'pii', render: (pii: string | null) => pii ?? '—' },
          { title: t('field.sharing'), dataIndex: 'sharing' },
        ]}
      />
    </Space>
  );
}
