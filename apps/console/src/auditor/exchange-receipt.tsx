import { Alert, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { problemOf } from '../api';
import { graphql } from '../gql';
import { ReceiptCheckResult } from './receipt-check';

const RECEIPT = graphql(`
  query ConsoleExchangeReceipt($exchangeId: String!) {
    exchangeReceipt(exchangeId: $exchangeId) {
      receipt
      check {
        ...ReceiptCheckFields
      }
    }
  }
`);

/** An exchange's signed receipt (the JWS its caller was given, re-signed for the record) and its check against the ledger and the checkpoint that seals it. */
export function ExchangeReceipt({ exchangeId }: { exchangeId: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useQuery({ query: RECEIPT, variables: { exchangeId } });
  if (fetching) return <Spin aria-label={t('common.loading')} />;
  if (error) return <Alert type="error" title={problemOf(error)?.message} />;
  const found = data?.exchangeReceipt;
  if (!found) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <>
      <ReceiptCheckResult check={found.check} />
      <Typography.Paragraph copyable={{ text: found.receipt, tooltips: [t('receipts.copy'), t('receipts.copied')] }} style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">{t('receipts.jws')}: </Typography.Text>
        <Typography.Text code style={{ wordBreak: 'break-all' }}>
          {found.receipt}
        </Typography.Text>
      </Typography.Paragraph>
    </>
  );
}
