import { Alert, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';
import { problemOf } from '../api';
import { graphql } from '../gql';

export const RUN_FIELDS = graphql(`
  fragment VerificationRunFields on LedgerVerification {
    ok
    verified
    chains
    checkpoints
    finishedAt
    by
    broken {
      chain
      seq
      reason
    }
  }
`);

const LAST_RUN = graphql(`
  query ConsoleLastVerification {
    ledgerVerifications(last: 1) {
      ...VerificationRunFields
    }
  }
`);

const VERIFY = graphql(`
  query ConsoleVerify {
    ledgerVerification {
      ...VerificationRunFields
    }
  }
`);

/** The ledger's verification: the last run (scheduled or asked for), what it found, and a run now. */
export function VerificationCard() {
  const { t } = useTranslation();
  const client = useClient();
  const [{ data, error }, reload] = useQuery({ query: LAST_RUN });
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = data?.ledgerVerifications[0];

  async function verify() {
    setRunning(true);
    const result = await client.query(VERIFY, {}).toPromise();
    setRunning(false);
    setProblem(problemOf(result.error)?.message ?? null);
    reload({ requestPolicy: 'network-only' });
  }

  return (
    <Card
      title={t('dashboard.verification')}
      extra={
        <Button loading={running} onClick={() => void verify()}>
          {t('dashboard.verifyNow')}
        </Button>
      }
    >
      {(problem ?? error) && <Alert type="error" title={problem ?? problemOf(error)?.message} />}
      {run ? (
        <Space orientation="vertical">
          <Alert type={run.ok ? 'success' : 'error'} showIcon title={run.ok ? t('dashboard.verified') : t('dashboard.failed')} />
          <Typography.Text>{t('dashboard.lastRun', { at: new Date(run.finishedAt).toLocaleString(), by: run.by === 'schedule' ? t('dashboard.schedule') : run.by })}</Typography.Text>
          <Typography.Text type="secondary">{t('dashboard.records', { verified: run.verified, chains: run.chains, checkpoints: run.checkpoints })}</Typography.Text>
          {run.broken && <Typography.Text type="danger">{t('dashboard.broken', { chain: run.broken.chain, seq: run.broken.seq, reason: run.broken.reason })}</Typography.Text>}
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('dashboard.neverRun')}</Typography.Text>
      )}
    </Card>
  );
}
