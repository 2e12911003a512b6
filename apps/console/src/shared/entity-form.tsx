import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiProblem } from '../api';

/** One input of an entity's form. */
export interface FieldSpec {
  name: string;
  label: string;
  /** text (default), a long text, a number, one of `options`, several of `options`, or free tags. */
  kind?: 'text' | 'textarea' | 'number' | 'select' | 'multiple' | 'tags';
  options?: readonly string[];
  placeholder?: string;
  /** The entity's key: shown but not changed when editing. */
  key?: boolean;
}

/**
 * A dialog that creates or changes one entity (a registry entry, a calendar year). The API decides
 * what is valid: its error lands under the input it names (`argument`,
 * e.g. `input.roles`), or above the buttons when it names none of them.
 * `onSave` answers the API's problem, or null when saved (the dialog closes).
 */
export function EntityForm({
  id,
  title,
  open,
  fields,
  initial,
  editing,
  onSave,
  onClose,
}: {
  id: string;
  title: string;
  open: boolean;
  fields: readonly FieldSpec[];
  initial: Record<string, unknown>;
  editing: boolean;
  onSave: (values: Record<string, unknown>) => Promise<ApiProblem | null>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // Filled once each time the dialog opens: the page re-rendering while it is open (a save under way) keeps what the person typed.
  const initialRef = useRef(initial);
  initialRef.current = initial;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initialRef.current);
    setProblem(null);
  }, [open, form]);

  async function save() {
    setSaving(true);
    const found = await onSave(form.getFieldsValue());
    setSaving(false);
    if (!found) return onClose();
    const named = found.argument?.replace(/^input\./, '').split(/[.[]/)[0];
    if (named && fields.some((field) => field.name === named)) {
      form.setFields([{ name: named, errors: [found.message] }]);
      setProblem(null);
    } else setProblem(found.message);
  }

  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => void save()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} forceRender>
      <Form
        form={form}
        layout="vertical"
        name={id}
        // An error the API gave stays only until the input it names is changed.
        onValuesChange={(changed: Record<string, unknown>) => form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })))}
      >
        {fields.map((field) => (
          <Form.Item key={field.name} name={field.name} label={field.label} htmlFor={`${id}-${field.name}`}>
            {input(field, `${id}-${field.name}`, editing && field.key === true)}
          </Form.Item>
        ))}
        {problem && <Alert type="error" title={problem} />}
      </Form>
    </Modal>
  );
}

function input(field: FieldSpec, id: string, locked: boolean) {
  const options = (field.options ?? []).map((option) => ({ value: option, label: option }));
  switch (field.kind) {
    case 'textarea':
      return <Input.TextArea id={id} rows={3} placeholder={field.placeholder} />;
    case 'number':
      return <InputNumber id={id} disabled={locked} style={{ width: '100%' }} placeholder={field.placeholder} />;
    case 'select':
      return <Select id={id} aria-label={field.label} options={options} allowClear />;
    case 'multiple':
    case 'tags':
      return <Select id={id} aria-label={field.label} mode={field.kind} options={options} placeholder={field.placeholder} />;
    default:
      return <Input id={id} disabled={locked} placeholder={field.placeholder} />;
  }
}
