import { Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../gql';

const CALENDAR = graphql(`
  query ConsoleCalendar {
    calendarYears {
      year
      holidays
      workdays
      source
      updatedBy
      updatedAt
    }
  }
`);

/** The working calendar the workflow's deadlines are counted by: each year's public holidays and make-up working days (调休). */
export default function CalendarPage() {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: CALENDAR });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('calendar.title')}
      </Typography.Title>
      <Table
        rowKey="year"
        size="small"
        dataSource={data?.calendarYears ?? []}
        pagination={false}
        columns={[
          { title: t('calendar.year'), dataIndex: 'year' },
          { title: t('calendar.holidays'), dataIndex: 'holidays', render: (days: string[]) => days.join(', ') },
          { title: t('calendar.workdays'), dataIndex: 'workdays', render: (days: string[]) => days.join(', ') },
          { title: t('calendar.source'), dataIndex: 'source' },
          { title: t('policy.actor'), dataIndex: 'updatedBy' },
        ]}
      />
    </Space>
  );
}
