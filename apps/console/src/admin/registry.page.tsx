import { Space, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../gql';

const REGISTRY = graphql(`
  query ConsoleRegistry {
    people {
      id
      name
      roles
      department
      issuer
    }
    purposes {
      name
      description
    }
    issuers {
      issuer
      systemClaim
      personClaim
      systems
    }
    bureaus {
      name
      department
      url
    }
  }
`);

/** The rest of the registry: people and their roles, purposes, trusted issuers, federated bureaus (changed through the admin API or `causeway registry`). */
export default function RegistryPage() {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: REGISTRY });
  const list = (strings: string[] | null | undefined) => (strings ?? []).join(', ');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('registry.title')}
      </Typography.Title>
      <Tabs
        items={[
          {
            key: 'people',
            label: t('registry.people'),
            children: (
              <Table
                rowKey="id"
                size="small"
                dataSource={data?.people ?? []}
                pagination={{ pageSize: 20 }}
                columns={[
                  { title: t('field.id'), dataIndex: 'id' },
                  { title: t('registry.name'), dataIndex: 'name' },
                  { title: t('registry.roles'), dataIndex: 'roles', render: list },
                  { title: t('field.department'), dataIndex: 'department' },
                  { title: t('registry.issuer'), dataIndex: 'issuer' },
                ]}
              />
            ),
          },
          {
            key: 'purposes',
            label: t('field.purposes'),
            children: (
              <Table
                rowKey="name"
                size="small"
                dataSource={data?.purposes ?? []}
                pagination={false}
                columns={[
                  { title: t('field.purpose'), dataIndex: 'name' },
                  { title: t('field.message'), dataIndex: 'description' },
                ]}
              />
            ),
          },
          {
            key: 'issuers',
            label: t('registry.issuers'),
            children: (
              <Table
                rowKey="issuer"
                size="small"
                dataSource={data?.issuers ?? []}
                pagination={false}
                columns={[
                  { title: t('registry.issuer'), dataIndex: 'issuer' },
                  { title: 'systemClaim', dataIndex: 'systemClaim' },
                  { title: 'personClaim', dataIndex: 'personClaim' },
                  { title: t('nav.systems'), dataIndex: 'systems', render: list },
                ]}
              />
            ),
          },
          {
            key: 'bureaus',
            label: t('registry.bureaus'),
            children: (
              <Table
                rowKey="name"
                size="small"
                dataSource={data?.bureaus ?? []}
                pagination={false}
                columns={[
                  { title: t('registry.name'), dataIndex: 'name' },
                  { title: t('field.department'), dataIndex: 'department' },
                  { title: 'URL', dataIndex: 'url' },
                ]}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
