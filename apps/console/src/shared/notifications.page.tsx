import { Button, Space, Table, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { graphql } from '../gql';
import { usePaged } from './paged';

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

/** The person's notifications, newest first, 25 at a time from the server. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const client = useClient();
  // The notifications' cursor is `before` (newest first), the same keyset paging as the other lists.
  const load = useCallback(async (before: string | null) => (await client.query(NOTIFICATIONS, { before }).toPromise()).data?.notifications ?? [], [client]);
  const { rows, more, next } = usePaged(load);

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
          { title: t('notifications.delivery'), dataIndex: 'delivery' },
        ]}
      />
      {more && <Button onClick={() => void next()}>{t('common.more')}</Button>}
    </Space>
  );
}
