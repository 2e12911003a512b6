import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { problemOf } from '../api';
import { graphql } from '../gql';

const SYSTEMS = graphql(`
  query ConsoleSystems {
    systems {
      id
      department
      clearance
      purposes
    }
    purposes {
      name
    }
  }
`);
const PUT_SYSTEM = graphql(`
  mutation ConsolePutSystem($input: SystemInput!) {
    putSystem(input: $input) {
      version
    }
  }
`);

const LEVELS = ['PUBLIC', 'INTERNAL', 'SENSITIVE', 'CORE'];

/** The registry of calling systems; administrators register one (validated as the whole registry it would make, effective on every replica). */
export default function SystemsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [{ data }, refetch] = useQuery({ query: SYSTEMS });
  const [, putSystem] = useMutation(PUT_SYSTEM);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<{ id: string; department: string; clearance: string; purposes: string[]; jwksUrl?: string }>();

  async function save() {
    const values = form.getFieldsValue();
    const result = await putSystem({ input: { ...values, jwksUrl: values.jwksUrl || null, registeredOperationsOnly: false } });
    const found = problemOf(result.error);
    if (found) {
      const field = found.argument?.replace(/^input\./, '');
      if (field && ['id', 'department', 'clearance', 'purposes', 'jwksUrl'].includes(field)) form.setFields([{ name: field as 'id', errors: [found.message] }]);
      else setProblem(found.message);
      return;
    }
    setOpen(false);
    setProblem(null);
    form.resetFields();
    void message.success(t('systems.saved', { version: result.data!.putSystem.version }));
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2} style={{ fontSize: 20 }}>
          {t('systems.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setOpen(true)}>
          {t('systems.new')}
        </Button>
      </Space>
      <Table
        rowKey="id"
        size="small"
        dataSource={data?.systems ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('field.id'), dataIndex: 'id' },
          { title: t('field.department'), dataIndex: 'department' },
          { title: t('field.clearance'), dataIndex: 'clearance' },
          { title: t('field.purposes'), dataIndex: 'purposes', render: (purposes: string[]) => purposes.join(', ') },
        ]}
      />
      <Modal open={open} title={t('systems.new')} onCancel={() => setOpen(false)} onOk={() => void save()} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ clearance: 'INTERNAL', purposes: [] }}>
          <Form.Item name="id" label={t('field.id')} htmlFor="system-id">
            <Input id="system-id" placeholder="health.school-checks" />
          </Form.Item>
          <Form.Item name="department" label={t('field.department')} htmlFor="system-department">
            <Input id="system-department" />
          </Form.Item>
          <Form.Item name="clearance" label={t('field.clearance')} htmlFor="system-clearance">
            <Select id="system-clearance" aria-label={t('field.clearance')} options={LEVELS.map((level) => ({ value: level, label: level }))} />
          </Form.Item>
          <Form.Item name="purposes" label={t('field.purposes')} htmlFor="system-purposes">
            <Select id="system-purposes" aria-label={t('field.purposes')} mode="multiple" options={(data?.purposes ?? []).map((purpose) => ({ value: purpose.name, label: purpose.name }))} />
          </Form.Item>
          <Form.Item name="jwksUrl" label="JWKS URL" htmlFor="system-jwks">
            <Input id="system-jwks" />
          </Form.Item>
          {problem && <Alert type="error" title={problem} />}
        </Form>
      </Modal>
    </Space>
  );
}
