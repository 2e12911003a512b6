import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import type { ConsoleRegistryQuery } from '../gql/graphql';
import { PUT_PERSON, PUT_PURPOSE, REMOVE_PERSON, REMOVE_PURPOSE } from './registry.documents';
import { list, optional, same, useRegistryOutcome, type RegistryTabProps } from './registry-outcome';
import { EditableTable } from '../shared/editable-table';

type Registry = ConsoleRegistryQuery;
const ROLES = ['officer', 'auditor', 'administrator'];

/** People and their roles (officers, auditors, administrators), with their department and the OIDC issuer they sign in through. */
export function PeopleTab({ data, readOnly, changed }: RegistryTabProps<Registry>) {
  const { t } = useTranslation();
  const { outcome, version } = useRegistryOutcome(changed);
  const [, putPerson] = useMutation(PUT_PERSON);
  const [, removePerson] = useMutation(REMOVE_PERSON);
  return (
    <EditableTable<Registry['people'][number]>
      id="person"
      rows={data?.people ?? []}
      rowKey="id"
      readOnly={readOnly}
      columns={[
        { title: t('field.id'), dataIndex: 'id' },
        { title: t('registry.name'), dataIndex: 'name' },
        { title: t('registry.roles'), dataIndex: 'roles', render: list },
        { title: t('registry.department'), dataIndex: 'department' },
        { title: t('registry.issuer'), dataIndex: 'issuer' },
      ]}
      fields={[
        { name: 'id', label: t('field.id'), key: true, placeholder: 'officer-tax' },
        { name: 'name', label: t('registry.name') },
        { name: 'roles', label: t('registry.roles'), kind: 'multiple', options: ROLES },
        { name: 'department', label: t('registry.department'), placeholder: 'civil-affairs' },
        { name: 'issuer', label: t('registry.issuer'), kind: 'select', options: (data?.issuers ?? []).map((issuer) => issuer.issuer) },
      ]}
      blank={{ roles: [] }}
      valuesOf={same}
      save={async (values) =>
        outcome(
          await putPerson({
            input: {
              id: String(values.id ?? ''),
              name: String(values.name ?? ''),
              roles: (values.roles as string[]) ?? [],
              department: optional(values.department),
              issuer: optional(values.issuer),
            },
          }),
          (found) => version(found.putPerson),
        )
      }
      remove={async (row) => outcome(await removePerson({ id: row.id }), (found) => version(found.removePerson))}
    />
  );
}

/** The purposes (用途) a calling system may declare for an exchange. */
export function PurposesTab({ data, readOnly, changed }: RegistryTabProps<Registry>) {
  const { t } = useTranslation();
  const { outcome, version } = useRegistryOutcome(changed);
  const [, putPurpose] = useMutation(PUT_PURPOSE);
  const [, removePurpose] = useMutation(REMOVE_PURPOSE);
  return (
    <EditableTable<Registry['purposes'][number]>
      id="purpose"
      rows={data?.purposes ?? []}
      rowKey="name"
      readOnly={readOnly}
      columns={[
        { title: t('field.purpose'), dataIndex: 'name' },
        { title: t('registry.description'), dataIndex: 'description' },
      ]}
      fields={[
        { name: 'name', label: t('field.purpose'), key: true, placeholder: 'school-health-checks' },
        { name: 'description', label: t('registry.description'), kind: 'textarea' },
      ]}
      blank={{}}
      valuesOf={same}
      save={async (values) => outcome(await putPurpose({ name: String(values.name ?? ''), description: String(values.description ?? '') }), (found) => version(found.putPurpose))}
      remove={async (row) => outcome(await removePurpose({ name: row.name }), (found) => version(found.removePurpose))}
    />
  );
}
