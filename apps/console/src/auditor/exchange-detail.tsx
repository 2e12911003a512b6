import { Descriptions, Drawer, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExchangeReceipt } from './exchange-receipt';

/** A ledger record as the exchange search lists it. */
export interface ExchangeRow {
  exchangeId: string;
  startedAt: string;
  system?: string | null;
  department?: string | null;
  purpose?: string | null;
  decision: string;
  maxLevel?: string | null;
  traceId?: string | null;
  chain: string;
  seq: number;
  hash: string;
  entry: string;
}

interface FieldOutcome {
  path: string;
  coordinate: string;
  owner: string;
  level: string;
  outcome: string;
  mask: string | null;
  reason: string | null;
  rules: string[];
}

// Only the tag colours whose text keeps a 4.5:1 contrast (WCAG AA); the word says the rest.
const DECISION_COLORS: Record<string, string> = { DENIED: 'red', FAILED: 'red', UNAUTHENTICATED: 'red', PARTIAL: 'blue' };

export function DecisionTag({ decision }: { decision: string }) {
  return <Tag color={DECISION_COLORS[decision]}>{decision}</Tag>;
}

/** One exchange as the ledger sealed it: caller, purpose, every field with its owner, level, outcome, mask and deciding rule, the bureaus asked, its place in the ledger, its receipt and the receipt's check. */
export function ExchangeDetail({ record, onClose }: { record: ExchangeRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const entry = record
    ? (JSON.parse(record.entry) as { caller?: { system: string | null }; fields?: FieldOutcome[]; bureaus?: Array<{ bureau: string; ok: boolean; durationMs: number }> })
    : null;
  return (
    <Drawer open={record !== null} onClose={onClose} size={880} title={t('exchanges.detail')} closable={{ 'aria-label': t('common.close') }}>
      {record && entry && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('field.exchangeId')}>{record.exchangeId}</Descriptions.Item>
            <Descriptions.Item label={t('field.startedAt')}>{record.startedAt}</Descriptions.Item>
            <Descriptions.Item label={t('field.system')}>{record.system ?? entry.caller?.system ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('field.purpose')}>{record.purpose ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('field.decision')}>
              <DecisionTag decision={record.decision} />
            </Descriptions.Item>
            <Descriptions.Item label={t('field.traceId')}>{record.traceId ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('exchanges.receipt')} span={2}>
              {record.chain} #{record.seq} · {record.hash}
            </Descriptions.Item>
          </Descriptions>
          <h2 style={{ fontSize: 16, marginTop: 24 }}>{t('exchanges.fields')}</h2>
          <Table
            size="small"
            rowKey="path"
            pagination={false}
            dataSource={entry.fields ?? []}
            columns={[
              { title: t('field.coordinate'), dataIndex: 'coordinate' },
              { title: t('field.owner'), dataIndex: 'owner' },
              { title: t('field.level'), dataIndex: 'level' },
              { title: t('exchanges.outcome'), dataIndex: 'outcome', render: (outcome: string, field) => `${outcome}${field.reason ? ` (${field.reason})` : ''}` },
              { title: t('exchanges.mask'), dataIndex: 'mask', render: (mask: string | null) => mask ?? '—' },
              { title: t('exchanges.rule'), dataIndex: 'rules', render: (rules: string[]) => rules.join(', ') },
            ]}
          />
          <h2 style={{ fontSize: 16, marginTop: 24 }}>{t('exchanges.bureaus')}</h2>
          <Table
            size="small"
            rowKey="bureau"
            pagination={false}
            dataSource={entry.bureaus ?? []}
            columns={[
              { title: t('field.owner'), dataIndex: 'bureau' },
              { title: t('exchanges.outcome'), dataIndex: 'ok', render: (ok: boolean) => (ok ? 'OK' : 'FAILED') },
              { title: t('exchanges.latency'), dataIndex: 'durationMs' },
            ]}
          />
          <h2 style={{ fontSize: 16, marginTop: 24 }}>{t('receipts.section')}</h2>
          <ExchangeReceipt exchangeId={record.exchangeId} />
        </>
      )}
    </Drawer>
  );
}
