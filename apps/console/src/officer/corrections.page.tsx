import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation } from 'urql';
import { graphql } from '../gql';
import { hasRole, useSession } from '../session';
import { usePaged } from '../shared/paged';
import { useAction } from '../shared/use-action';
import { ReasonDialog } from '../shared/reason-dialog';

const CORRECTIONS = graphql(`
  query ConsoleCorrections($after: String) {
    corrections(first: 25, after: $after) {
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

const MARK = graphql(`
  mutation ConsoleMark($id: String!, $marked: Boolean!) {
    markObjection(id: $id, marked: $marked) {
      id
      marked
    }
  }
`);
const ACCEPT = graphql(`
  mutation ConsoleAcceptCorrection($id: String!, $outcome: String!) {
    acceptCorrection(id: $id, outcome: $outcome) {
      id
      status
    }
  }
`);
const REJECT = graphql(`
  mutation ConsoleRejectCorrection($id: String!, $reason: String!) {
    rejectCorrection(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

/** Correction reports (校核纠错) on the department's data and by it, with their deadlines and outcomes. */
export default function CorrectionsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const client = useClient();
  const load = useCallback(async (after: string | null) => (await client.query(CORRECTIONS, { after }).toPromise()).data?.corrections ?? [], [client]);
  const { rows, more, next, reload } = usePaged(load);
  const [, mark] = useMutation(MARK);
  const [, accept] = useMutation(ACCEPT);
  const [, reject] = useMutation(REJECT);
  const [answering, setAnswering] = useState<{ id: string; accept: boolean } | null>(null);
  const { act, problem } = useAction(reload);
  const mine = (owner: string) => hasRole(session, 'administrator') || (hasRole(session, 'officer') && session.person.department === owner);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('corrections.title')}
      </Typography.Title>
      {problem && <Alert type="error" title={problem} />}
      <Table
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
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
          {
            title: '',
            key: 'actions',
            render: (_: unknown, row) =>
              row.status === 'OPEN' &&
              mine(row.owner) && (
                <Space>
                  <Button onClick={() => void act(() => mark({ id: row.id, marked: !row.marked }))}>
                    {row.marked ? '✓ ' : ''}
                    {t('corrections.mark')}
                  </Button>
                  <Button type="primary" onClick={() => setAnswering({ id: row.id, accept: true })}>
                    {t('corrections.accept')}
                  </Button>
                  <Button danger onClick={() => setAnswering({ id: row.id, accept: false })}>
                    {t('corrections.reject')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {more && <Button onClick={() => void next()}>{t('common.more')}</Button>}
      <ReasonDialog
        open={answering !== null}
        title={answering?.accept ? t('corrections.accept') : t('corrections.reject')}
        label={t('field.reason')}
        onCancel={() => setAnswering(null)}
        onSubmit={(text) =>
          act(() => (answering!.accept ? accept({ id: answering!.id, outcome: text }) : reject({ id: answering!.id, reason: text }))).then((done) => {
            if (done) setAnswering(null);
            return done;
          })
        }
      />
    </Space>
  );
}
