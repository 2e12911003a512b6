import { Alert, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { problemOf, type ApiProblem } from '../api';
import { graphql } from '../gql';
import type { GrantInput } from '../gql/graphql';
import { GrantWhatIf } from './grant-what-if';

const IMPACT = graphql(`
  query ConsoleImpact($put: GrantInput!) {
    impact(put: $put, days: 30) {
      days
      exchangesAffected
      newlyDenied
      newlyAllowed
    }
  }
`);

const PUT = graphql(`
  mutation ConsolePutGrant($input: GrantInput!) {
    putGrant(input: $input) {
      version
      warnings
    }
  }
`);

const FIELDS = ['id', 'subject', 'owner', 'target', 'maxLevel', 'purpose', 'validUntil', 'basis'] as const;

/** A new or changed grant: the API's validation shown on the input it names; before saving, a what-if of an operation as if the grant were saved, and (required) the impact over recent exchanges. */
export function GrantForm({
  owner,
  editing,
  open,
  onClose,
  onSaved,
}: {
  owner: string | null;
  editing: Partial<GrantInput> | null;
  open: boolean;
  onClose: () => void;
  onSaved: (version: number) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const [form] = Form.useForm<GrantInput>();
  const [impact, setImpact] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function show(found: ApiProblem | null): boolean {
    if (!found) return false;
    const field = found.argument?.replace(/^input\./, '').split('.')[0];
    if (field && (FIELDS as readonly string[]).includes(field)) form.setFields([{ name: field as keyof GrantInput, errors: [found.message] }]);
    else setProblem(found.message);
    return true;
  }

  function input(): GrantInput {
    const values = form.getFieldsValue();
    return {
      ...values,
      validUntil: values.validUntil || null,
      basis: values.basis || null,
      effect: editing?.effect ?? 'allow',
      obligations: values.obligations ?? [],
      dailyLimit: editing?.dailyLimit ?? null,
      duties: editing?.duties ?? [],
    };
  }

  async function preview() {
    setProblem(null);
    const result = await client.query(IMPACT, { put: input() }).toPromise();
    if (show(problemOf(result.error))) return setImpact(null);
    const found = result.data!.impact;
    setImpact(t('grants.impact', { days: found.days, affected: found.exchangesAffected, denied: found.newlyDenied, allowed: found.newlyAllowed }));
  }

  async function save() {
    if (!impact) return setProblem(t('grants.previewFirst'));
    const result = await client.mutation(PUT, { input: input() }).toPromise();
    if (show(problemOf(result.error))) return;
    onSaved(result.data!.putGrant.version);
    form.resetFields();
    setImpact(null);
  }

  return (
    <Modal open={open} onCancel={onClose} title={editing ? t('grants.edit') : t('grants.new')} footer={null} width={640} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={editing ?? { owner, maxLevel: 'SENSITIVE' }}
        onValuesChange={(changed: Partial<GrantInput>) => {
          setImpact(null);
          // An error the API gave stays only until the input it names is changed.
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof GrantInput, errors: [] })));
        }}
      >
        {FIELDS.map((name) => (
          <Form.Item key={name} name={name} label={t(`field.${name}` as 'field.id')} htmlFor={`grant-${name}`}>
            <Input id={`grant-${name}`} disabled={editing !== null && name === 'id'} />
          </Form.Item>
        ))}
        <Form.Item name="obligations" label={t('grants.obligations')} htmlFor="grant-obligations">
          <Select
            id="grant-obligations"
            mode="tags"
            options={['clear', 'mask:NAME', 'mask:PHONE', 'mask:ADDRESS', 'mask:ID_NUMBER', 'mask:REDACT'].map((value) => ({ value, label: value }))}
          />
        </Form.Item>
        <GrantWhatIf grant={input} onGrantProblem={show} />
        {impact && <Alert type="info" title={impact} style={{ marginBottom: 16 }} />}
        {problem && <Alert type="error" title={problem} style={{ marginBottom: 16 }} />}
        <Space>
          <Button onClick={() => void preview()}>{t('grants.preview')}</Button>
          <Button type="primary" onClick={() => void save()}>
            {t('common.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
