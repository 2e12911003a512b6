import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { problemOf } from '../api';
import { graphql } from '../gql';
import { ReceiptCheckResult, type ReceiptCheckView } from './receipt-check';

const CHECK = graphql(`
  query ConsoleCheckReceipt($receipt: String!) {
    checkReceipt(receipt: $receipt) {
      ...ReceiptCheckFields
    }
  }
`);

/** Receipt check (回执核验): a receipt a calling system presents, checked against the gateway's keys and the ledger. */
export default function ReceiptsPage() {
  const { t } = useTranslation();
  const client = useClient();
  const [check, setCheck] = useState<ReceiptCheckView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function run({ receipt }: { receipt: string }) {
    const result = await client.query(CHECK, { receipt: receipt.trim() }).toPromise();
    setProblem(problemOf(result.error)?.message ?? null);
    setCheck(result.data?.checkReceipt ?? null);
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('receipts.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('receipts.intro')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={(values: { receipt: string }) => void run(values)}>
        <Form.Item name="receipt" label={t('receipts.jws')} htmlFor="receipt-jws" rules={[{ required: true, message: t('receipts.required') }]}>
          <Input.TextArea id="receipt-jws" rows={4} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('receipts.check')}
        </Button>
      </Form>
      {problem && <Alert type="error" title={problem} />}
      {check && <ReceiptCheckResult check={check} />}
    </Space>
  );
}
