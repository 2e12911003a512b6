import { Space, Tabs, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { hasRole, useSession } from '../session';
import { REGISTRY } from './registry.documents';
import { PeopleTab, PurposesTab } from './registry-people';
import { BureausTab, IssuersTab } from './registry-trust';

/**
 * The rest of the registry: people and their roles, purposes, trusted
 * issuers, federated bureaus. Administrators add, change and remove them
 * (every change validated as the whole registry it would make, recorded,
 * effective on every replica); auditors read them.
 */
export default function RegistryPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [{ data }, refetch] = useQuery({ query: REGISTRY });
  const changed = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const props = { data, readOnly: !hasRole(session, 'administrator'), changed };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('registry.title')}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'people', label: t('registry.people'), children: <PeopleTab {...props} /> },
          { key: 'purposes', label: t('field.purposes'), children: <PurposesTab {...props} /> },
          { key: 'issuers', label: t('registry.issuers'), children: <IssuersTab {...props} /> },
          { key: 'bureaus', label: t('registry.bureaus'), children: <BureausTab {...props} /> },
        ]}
      />
    </Space>
  );
}
