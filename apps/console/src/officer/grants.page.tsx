import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { graphql } from '../gql';
import { hasRole, useSession } from '../session';
import { usePaged } from '../shared/paged';
import type { ConsoleGrantsQuery } from '../gql/graphql';
import { GrantForm } from './grant-form';

type GrantRow = ConsoleGrantsQuery['grants'][number];

const GRANTS = graphql(`
  query ConsoleGrants($after: String) {
    grants(first: 25, after: $after) {
      id
      subject
      owner
      target
      maxLevel
      purpose
      validUntil
      status
      obligations
      dailyLimit
      duties
      effect
      basis
    }
  }
`);

// Tag colours whose text keeps a 4.5:1 contrast (WCAG AA).
const STATUS_COLORS: Record<string, string | undefined> = { EXPIRING: 'blue', LAPSED: 'red' };

/** The grants that concern the person's department (as owner or consumer), with their status; officers and administrators create them. */
export default function GrantsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const client = useClient();
  const load = useCallback(async (after: string | null) => (await client.query(GRANTS, { after }).toPromise()).data?.grants ?? [], [client]);
  const { rows, more, next, reload } = usePaged<GrantRow>(load);
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<GrantRow | null>(null);
  const manages = (owner: string) => hasRole(session, 'administrator') || (hasRole(session, 'officer') && session.person.department === owner);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2} style={{ fontSize: 20 }}>
          {t('grants.title')}
        </Typography.Title>
        {hasRole(session, 'officer', 'administrator') && (
          <Button
            type="primary"
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
          >
            {t('grants.new')}
          </Button>
        )}
      </Space>
      <Table
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t('field.id'), dataIndex: 'id' },
          { title: t('field.subject'), dataIndex: 'subject' },
          { title: t('field.owner'), dataIndex: 'owner' },
          { title: t('field.target'), dataIndex: 'target' },
          { title: t('field.purpose'), dataIndex: 'purpose' },
          { title: t('field.validUntil'), dataIndex: 'validUntil', render: (value: string | null) => value ?? '—' },
          { title: t('field.status'), dataIndex: 'status', render: (status: string) => <Tag color={STATUS_COLORS[status]}>{status}</Tag> },
          {
            title: t('grants.conditions'),
            key: 'conditions',
            render: (_: unknown, grant) => [...grant.obligations, ...(grant.dailyLimit ? [`${grant.dailyLimit}/day`] : []), ...grant.duties].join(', '),
          },
          {
            title: '',
            key: 'edit',
            render: (_: unknown, grant) =>
              manages(grant.owner) && (
                <Button
                  onClick={() => {
                    setEditing(grant);
                    setOpen(true);
                  }}
                >
                  {t('grants.edit')}
                </Button>
              ),
          },
        ]}
      />
      {more && <Button onClick={() => void next()}>{t('common.more')}</Button>}
      <GrantForm
        owner={session.person.department}
        editing={editing && { ...editing, validUntil: editing.validUntil ?? null, basis: editing.basis ?? null }}
        open={open}
        onClose={() => setOpen(false)}
        onSaved={(version) => {
          setOpen(false);
          void message.success(t('grants.saved', { version }));
          void reload();
        }}
      />
    </Space>
  );
}
