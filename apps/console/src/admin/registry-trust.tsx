import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import type { ConsoleRegistryQuery } from '../gql/graphql';
import { PUT_BUREAU, PUT_ISSUER, REMOVE_BUREAU, REMOVE_ISSUER } from './registry.documents';
import { list, optional, same, useRegistryOutcome, type RegistryTabProps } from './registry-outcome';
import { EditableTable } from '../shared/editable-table';

type Registry = ConsoleRegistryQuery;

/** The OIDC issuers the gateway trusts, for which systems and people. */
export function IssuersTab({ data, readOnly, changed }: RegistryTabProps<Registry>) {
  const { t } = useTranslation();
  const { outcome, version } = useRegistryOutcome(changed);
  const [, putIssuer] = useMutation(PUT_ISSUER);
  const [, removeIssuer] = useMutation(REMOVE_ISSUER);
  return (
    <EditableTable<Registry['issuers'][number]>
      id="issuer"
      rows={data?.issuers ?? []}
      rowKey="issuer"
      readOnly={readOnly}
      columns={[
        { title: t('registry.issuer'), dataIndex: 'issuer' },
        { title: t('registry.systemClaim'), dataIndex: 'systemClaim' },
        { title: t('registry.personClaim'), dataIndex: 'personClaim' },
        { title: t('nav.systems'), dataIndex: 'systems', render: list },
      ]}
      fields={[
        { name: 'issuer', label: t('registry.issuer'), key: true, placeholder: 'https://idp.example.gov.cn' },
        { name: 'audience', label: t('registry.audience') },
        { name: 'systemClaim', label: t('registry.systemClaim'), placeholder: 'azp' },
        { name: 'systems', label: t('nav.systems'), kind: 'tags', placeholder: 'health.*' },
        { name: 'personClaim', label: t('registry.personClaim'), placeholder: 'sub' },
        { name: 'algorithms', label: t('registry.algorithms'), kind: 'tags', placeholder: 'EdDSA' },
        { name: 'maxTokenLifetimeS', label: t('registry.maxTokenLifetime'), kind: 'number' },
        { name: 'tokenReuse', label: t('registry.tokenReuse'), kind: 'select', options: ['refuse', 'allow'] },
      ]}
      blank={{ systems: [], algorithms: [] }}
      valuesOf={same}
      save={async (values) =>
        outcome(
          await putIssuer({
            input: {
              issuer: String(values.issuer ?? ''),
              audience: optional(values.audience),
              systemClaim: optional(values.systemClaim),
              systems: (values.systems as string[] | undefined)?.length ? (values.systems as string[]) : null,
              personClaim: optional(values.personClaim),
              algorithms: (values.algorithms as string[] | undefined)?.length ? (values.algorithms as string[]) : null,
              maxTokenLifetimeS: typeof values.maxTokenLifetimeS === 'number' ? values.maxTokenLifetimeS : null,
              tokenReuse: optional(values.tokenReuse),
            },
          }),
          (found) => version(found.putIssuer),
        )
      }
      remove={async (row) => outcome(await removeIssuer({ issuer: row.issuer }), (found) => version(found.removeIssuer))}
    />
  );
}

/** The bureaus the gateway federates: a change offers a new supergraph, served at once or after approval. */
export function BureausTab({ data, readOnly, changed }: RegistryTabProps<Registry>) {
  const { t } = useTranslation();
  const { outcome, bureauDone } = useRegistryOutcome(changed);
  const [, putBureau] = useMutation(PUT_BUREAU);
  const [, removeBureau] = useMutation(REMOVE_BUREAU);
  return (
    <EditableTable<Registry['bureaus'][number]>
      id="bureau"
      rows={data?.bureaus ?? []}
      rowKey="name"
      readOnly={readOnly}
      columns={[
        { title: t('registry.name'), dataIndex: 'name' },
        { title: t('registry.department'), dataIndex: 'department' },
        { title: 'URL', dataIndex: 'url' },
      ]}
      fields={[
        { name: 'name', label: t('registry.name'), key: true, placeholder: 'tax' },
        { name: 'department', label: t('registry.department'), placeholder: 'tax' },
        { name: 'url', label: 'URL', placeholder: 'https://tax.example.gov.cn/graphql' },
      ]}
      blank={{}}
      valuesOf={same}
      save={async (values) =>
        outcome(await putBureau({ input: { name: String(values.name ?? ''), department: String(values.department ?? ''), url: String(values.url ?? '') } }), (found) =>
          bureauDone(found.putBureau),
        )
      }
      remove={async (row) => outcome(await removeBureau({ name: row.name }), (found) => bureauDone(found.removeBureau))}
    />
  );
}
