import { Alert, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { MessageKey } from '../i18n/messages';

/** What the console shows of a receipt's check, wherever one is checked. */
export const RECEIPT_CHECK_FIELDS = graphql(`
  fragment ReceiptCheckFields on ReceiptCheckModel {
    ok
    failure
    detail
    exchangeId
    chain
    seq
    hash
    system
    decision
    issuedAt
    checkpoint {
      number
      seq
    }
  }
`);

/** What the admin API says a receipt proved (ReceiptCheckModel). */
export interface ReceiptCheckView {
  ok: boolean;
  failure?: string | null;
  detail: string;
  exchangeId?: string | null;
  chain?: string | null;
  seq?: number | null;
  hash?: string | null;
  system?: string | null;
  decision?: string | null;
  issuedAt?: string | null;
  checkpoint?: { number: number; seq: number } | null;
}

/** A receipt's check: verified or the step that failed (in the person's language), the gateway's own words, and what the receipt states. */
export function ReceiptCheckResult({ check }: { check: ReceiptCheckView }) {
  const { t } = useTranslation();
  const title = check.ok
    ? check.checkpoint
      ? t('receipts.sealed', { number: check.checkpoint.number })
      : t('receipts.notYetSealed')
    : t(`receipts.failure.${check.failure ?? 'RECEIPT_SIGNATURE'}` as MessageKey);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type={check.ok ? 'success' : 'error'} showIcon title={title} description={check.detail} />
      {check.exchangeId && (
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label={t('field.exchangeId')}>{check.exchangeId}</Descriptions.Item>
          <Descriptions.Item label={t('receipts.issuedAt')}>{check.issuedAt ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.system')}>{check.system ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.decision')}>{check.decision ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('exchanges.receipt')} span={2}>
            <Typography.Text code>
              {check.chain} #{check.seq} · {check.hash}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Space>
  );
}
