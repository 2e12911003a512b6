import { Button, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { graphql } from '../gql';
import type { ConsoleNotificationsQuery } from '../gql/graphql';

const NOTIFICATIONS = graphql(`
  query ConsoleNotifications($before: String) {
    notifications(limit: 25, before: $before) {
      id
      kind
      subject
      message
      at
      delivery
    }
  }
`);

type Row = ConsoleNotificationsQuery['notifications'][number];

/** The person's notifications, newest first, 25 at a time from the server. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const client = useClient();
  const [rows, setRows] = useState<Row[]>([]);
  const [more, setMore] = useState(false);

  async function load(before: string | null) {
    const page = (await client.query(NOTIFICATIONS, { before }).toPromise()).data?.notifications ?? [];
    setRows((current) => (before ? [...current, ...page] : page));
    setMore(page.length === 25);
  }

  useEffect(() => {
    void load(null);
  }, []);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('notifications.title')}
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t('field.at'), dataIndex: 'at' },
          { title: t('field.kind'), dataIndex: 'kind' },
          { title: t('field.message'), dataIndex: 'message' },
          { title: 'webhook', dataIndex: 'delivery' },
        ]}
      />
      {more && <Button onClick={() => void load(rows.at(-1)?.id ?? null)}>{t('common.more')}</Button>}
    </Space>
  );
}
