import { Alert, Form, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { problemOf } from '../api';
import { graphql } from '../gql';

const APPROVE = graphql(`
  mutation ConsoleApproveWith($id: String!, $days: Int, $conditions: GrantConditionsInput) {
    approveApplication(id: $id, days: $days, conditions: $conditions) {
      id
      status
    }
  }
`);

interface Approval {
  days?: number;
  dailyLimit?: number;
  obligations?: string[];
  duties?: string[];
}

/** Approving an application: for fewer days than asked, and with conditions (masks, a daily volume, usage duties), the API's errors shown on the input they name. */
export function ApproveDialog({ application, onClose, onApproved }: { application: { id: string; requestedDays: number } | null; onClose: () => void; onApproved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Approval>();
  const [, approve] = useMutation(APPROVE);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit() {
    const values = form.getFieldsValue();
    const conditions = { obligations: values.obligations?.length ? values.obligations : null, dailyLimit: values.dailyLimit ?? null, duties: values.duties?.length ? values.duties : null };
    const result = await approve({ id: application!.id, days: values.days ?? null, conditions });
    const found = problemOf(result.error);
    if (!found) return onApproved();
    const field = found.argument?.replace(/^conditions\./, '');
    if (field && ['days', 'dailyLimit', 'obligations', 'duties'].includes(field)) form.setFields([{ name: field as keyof Approval, errors: [found.message] }]);
    else setProblem(found.message);
  }

  return (
    <Modal
      open={application !== null}
      title={t('applications.approve')}
      okText={t('applications.approve')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => void submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ days: application?.requestedDays }}>
        <Form.Item name="days" label={t('applications.days')} htmlFor="approve-days">
          <InputNumber id="approve-days" min={1} max={application?.requestedDays} />
        </Form.Item>
        <Form.Item name="dailyLimit" label={t('applications.dailyLimit')} htmlFor="approve-limit">
          <InputNumber id="approve-limit" min={1} />
        </Form.Item>
        <Form.Item name="obligations" label={t('grants.obligations')} htmlFor="approve-obligations">
          <Select
            id="approve-obligations"
            aria-label={t('grants.obligations')}
            mode="multiple"
            options={['clear', 'mask:NAME', 'mask:PHONE', 'mask:ADDRESS', 'mask:ID_NUMBER', 'mask:REDACT'].map((value) => ({ value, label: value }))}
          />
        </Form.Item>
        <Form.Item name="duties" label={t('applications.duties')} htmlFor="approve-duties">
          <Select
            id="approve-duties"
            aria-label={t('applications.duties')}
            mode="tags"
            options={['delete-after:30', 'no-onward-sharing', 'usage-logged'].map((value) => ({ value, label: value }))}
          />
        </Form.Item>
        {problem && <Alert type="error" title={problem} />}
      </Form>
    </Modal>
  );
}
