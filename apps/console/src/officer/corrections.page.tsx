import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../gql';

const CORRECTIONS = graphql(`
  query ConsoleCorrections {
    corrections {
      id
      consumer
      owner
      coordinate
      exchangeId
      status
      marked
      dueAt
      overdue
      outcome
    }
  }
`);

/** Correction reports (校核纠错) on the department's data and by it, with their deadlines and outcomes. */
export default function CorrectionsPage() {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: CORRECTIONS });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('corrections.title')}
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        dataSource={data?.corrections ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('field.consumer'), dataIndex: 'consumer' },
          { title: t('field.owner'), dataIndex: 'owner' },
          { title: t('field.coordinate'), dataIndex: 'coordinate' },
          { title: t('field.exchangeId'), dataIndex: 'exchangeId' },
          {
            title: t('field.status'),
            dataIndex: 'status',
            render: (status: string, row) => (
              <Space>
                {status}
                {row.overdue && <Tag color="red">{t('applications.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('field.dueAt'), dataIndex: 'dueAt' },
          { title: t('field.reason'), dataIndex: 'outcome', render: (outcome: string | null) => outcome ?? '—' },
        ]}
      />
    </Space>
  );
}
