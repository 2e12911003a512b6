import { Alert, App, Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation } from 'urql';
import { graphql } from '../gql';
import type { ApplicationBox } from '../gql/graphql';
import { hasRole, useSession } from '../session';
import { usePaged } from '../shared/paged';
import { useAction } from '../shared/use-action';
import { ReasonDialog } from '../shared/reason-dialog';
import { ApproveDialog } from './approve-dialog';

const APPLICATIONS = graphql(`
  query ConsoleApplications($box: ApplicationBox!, $after: String) {
    applications(box: $box, first: 25, after: $after) {
      id
      kind
      consumer
      owner
      targets
      purpose
      status
      dueAt
      overdue
      reason
      requestedDays
    }
  }
`);
const REFUSE = graphql(`
  mutation ConsoleRefuse($id: String!, $reason: String!) {
    refuseApplication(id: $id, reason: $reason) {
      id
      status
    }
  }
`);
const ACCEPT = graphql(`
  mutation ConsoleAccept($id: String!) {
    reviewApplication(id: $id, decision: ACCEPT) {
      id
      status
    }
  }
`);

/** Applications: the inbox (for the department's data) and the outbox (its own), deadlines and overdue marks; approve or refuse with reasons; the data authority's review. */
export default function ApplicationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const [box, setBox] = useState<ApplicationBox>('INBOX');
  const client = useClient();
  const load = useCallback(async (after: string | null) => (await client.query(APPLICATIONS, { box, after }).toPromise()).data?.applications ?? [], [client, box]);
  const { rows, more, next, reload } = usePaged(load);
  const [approving, setApproving] = useState<{ id: string; requestedDays: number } | null>(null);
  const [, refuse] = useMutation(REFUSE);
  const [, accept] = useMutation(ACCEPT);
  const [refusing, setRefusing] = useState<string | null>(null);
  const { act, problem } = useAction(reload);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('applications.title')}
      </Typography.Title>
      <Tabs
        activeKey={box}
        onChange={(key) => setBox(key as ApplicationBox)}
        items={[
          { key: 'INBOX', label: t('applications.inbox') },
          { key: 'OUTBOX', label: t('applications.outbox') },
        ]}
      />
      {problem && <Alert type="error" title={problem} />}
      <Table
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t('field.consumer'), dataIndex: 'consumer' },
          { title: t('field.owner'), dataIndex: 'owner' },
          { title: t('field.targets'), dataIndex: 'targets', render: (targets: string[]) => targets.join(', ') },
          { title: t('field.purpose'), dataIndex: 'purpose' },
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
          {
            title: '',
            key: 'actions',
            render: (_: unknown, row) => (
              <Space>
                {row.status === 'IN_REVIEW' && hasRole(session, 'administrator') && (
                  <Button onClick={() => void act(() => accept({ id: row.id }), t('applications.accepted'))}>{t('applications.review')}</Button>
                )}
                {row.status === 'PENDING' && box === 'INBOX' && hasRole(session, 'officer', 'administrator') && (
                  <>
                    <Button type="primary" onClick={() => setApproving(row)}>
                      {t('applications.approve')}
                    </Button>
                    <Button danger onClick={() => setRefusing(row.id)}>
                      {t('applications.refuse')}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {more && <Button onClick={() => void next()}>{t('common.more')}</Button>}
      <ApproveDialog
        application={approving}
        onClose={() => setApproving(null)}
        onApproved={() => {
          setApproving(null);
          void message.success(t('applications.approved'));
          void reload();
        }}
      />
      <ReasonDialog
        open={refusing !== null}
        title={t('applications.refuse')}
        label={t('applications.refuseReason')}
        onCancel={() => setRefusing(null)}
        onSubmit={(reason) =>
          act(() => refuse({ id: refusing!, reason }), t('applications.refused')).then((done) => {
            if (done) setRefusing(null);
            return done;
          })
        }
      />
    </Space>
  );
}
