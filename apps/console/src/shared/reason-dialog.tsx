import { Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A dialog asking for the reasons (or outcome) a step must state; `onSubmit` answers whether the step was taken (the dialog then closes). */
export function ReasonDialog({
  open,
  title,
  label,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  label: string;
  onCancel: () => void;
  onSubmit: (text: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    <Modal open={open} title={title} okText={title} cancelText={t('common.cancel')} onCancel={onCancel} onOk={() => void onSubmit(text).then((done) => done && setText(''))} destroyOnHidden>
      <label htmlFor="reason-text">{label}</label>
      <Input.TextArea id="reason-text" value={text} onChange={(event) => setText(event.target.value)} rows={3} />
    </Modal>
  );
}
