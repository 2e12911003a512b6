import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '#config';
import type { Person } from '#identity';
import { LedgerReader, type ExchangeEntry, type GovernanceEntry } from '#ledger';
import { AdminError } from '../admin/admin.error.js';
import { hasUnprintable, UNPRINTABLE_MESSAGE } from '../admin/printable-text.js';
import { samePath } from '../exchange/operation-redaction.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { visibleIn } from '../governance/application.service.js';
import { mayManage } from '../governance/grant-rules.js';
import { textDigest as digest } from '../governance/text-digest.js';
import { WorkingCalendarService } from '../governance/working-calendar.service.js';
import { NotificationService, type Notice } from '../notifications/notification.service.js';
import { GovernanceChain } from '../policy/governance-chain.service.js';
import { CorrectionReportEntity, type CorrectionStatus } from './correction-report.entity.js';
import { ObjectionMarks } from './objection-marks.service.js';

/** Who files a report: a calling system (through its own exchange) or a department's officer. */
export interface Reporter {
  id: string;
  kind: 'SYSTEM' | 'PERSON';
  department: string;
}

export interface CorrectionInput {
  exchangeId: string;
  /** The response path of the value (`person.householdAddress`), or its `Type.field`. */
  field: string;
  description: string;
  evidence: string;
}

const TEXT_MAX = 4000;

/**
 * Corrections (校核纠错): a consumer reports that a value served in one of
 * its exchanges is wrong, with evidence; the report goes to the field's
 * owner, whose officers accept it (correcting the data in their bureau;
 * Causeway records the outcome) or reject it with reasons, by a deadline in
 * working days; the reporter's department sees the outcome. While a report
 * is open the owner may mark the field as under objection: answers serving
 * it about the same data subject then carry the mark. Every step is in the
 * ledger, which keeps hashes of the description and evidence, not their
 * text (they may quote personal information; the report itself keeps it,
 * readable only by the two departments, administrators and auditors).
 */
@Injectable()
export class CorrectionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: LedgerReader,
    private readonly chain: GovernanceChain,
    private readonly notifications: NotificationService,
    private readonly calendar: WorkingCalendarService,
    private readonly marks: ObjectionMarks,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async file(reporter: Reporter, input: CorrectionInput): Promise<CorrectionReportEntity> {
    const description = text(input.description, 'description');
    const evidence = text(input.evidence, 'evidence');
    const record = /^[0-9a-f-]{36}$/.test(input.exchangeId) ? await this.reader.recordOf(input.exchangeId) : null;
    const entry = record ? parsed(record.content) : null;
    const own = entry?.kind === 'exchange' && (reporter.kind === 'SYSTEM' ? entry.caller.system === reporter.id : entry.caller.department === reporter.department);
    if (!entry || !own)
      throw AdminError.badInput(`no exchange ${JSON.stringify(input.exchangeId.slice(0, 64))} of ${reporter.kind === 'SYSTEM' ? 'this system' : 'your department'}`, 'exchangeId');
    // The path as the answer had it: an alias that could carry an identifier is stored redacted (samePath).
    const field = entry.fields.find((candidate) => candidate.outcome !== 'denied' && (samePath(candidate.path, input.field) || candidate.coordinate === input.field));
    if (!field) throw AdminError.badInput(`exchange ${input.exchangeId} served no value at ${JSON.stringify(input.field.slice(0, 256))}`, 'field');
    const report: CorrectionReportEntity = {
      id: randomUUID(),
      reporter: reporter.id,
      reporterKind: reporter.kind,
      consumer: reporter.department,
      exchangeId: input.exchangeId,
      coordinate: field.coordinate,
      path: field.path,
      owner: field.owner,
      subjects: (entry.subjects ?? []).filter((subject) => subject.owners.includes(field.owner)).map((subject) => subject.token),
      description,
      evidence,
      status: 'OPEN',
      marked: false,
      filedAt: new Date(this.clock.now()).toISOString(),
      dueAt: await this.calendar.due(this.config.workflow.correctionDays),
      answeredBy: null,
      answeredAt: null,
      outcome: null,
      escalated: false,
    };
    await this.step(reporter.id, 'file', report, null, { ...summary(report), description: digest(description), evidence: digest(evidence) }, [
      {
        recipient: report.owner,
        kind: 'correction.filed',
        subject: report.id,
        message: `${report.consumer} reports a wrong value of ${report.coordinate} (exchange ${report.exchangeId}); handle it by ${report.dueAt}.`,
      },
    ]);
    return report;
  }

  /** The owner marks (or unmarks) the field of an open report as under objection. */
  async mark(person: Person, id: string, marked: boolean): Promise<CorrectionReportEntity> {
    const report = await this.open(person, id);
    const changed = { ...report, marked };
    await this.step(person.id, marked ? 'mark' : 'unmark', changed, { marked: report.marked }, { marked }, []);
    return changed;
  }

  async accept(person: Person, id: string, outcome: string): Promise<CorrectionReportEntity> {
    return this.answer(person, id, 'ACCEPTED', text(outcome, 'outcome'));
  }

  async reject(person: Person, id: string, reason: string): Promise<CorrectionReportEntity> {
    return this.answer(person, id, 'REJECTED', text(reason, 'reason'));
  }

  /** A report the person may read: the reporting and the owning department's officers, administrators and auditors. */
  async get(person: Person | null, id: string, system?: string): Promise<CorrectionReportEntity | null> {
    const report = await this.dataSource.getRepository(CorrectionReportEntity).findOneBy({ id });
    if (!report) return null;
    if (system !== undefined) return report.reporter === system ? report : null;
    return person && visibleIn(person, report, 'ALL') ? report : null;
  }

  /** Reports about the person's department's data (INBOX), by it (OUTBOX), or both; all for administrators and auditors. */
  async list(person: Person, box: 'INBOX' | 'OUTBOX' | 'ALL', status: string | null): Promise<CorrectionReportEntity[]> {
    const everyone = person.roles.includes('administrator') || person.roles.includes('auditor');
    const scope = everyone ? [{}] : [...(box !== 'OUTBOX' ? [{ owner: person.department ?? '' }] : []), ...(box !== 'INBOX' ? [{ consumer: person.department ?? '' }] : [])];
    const where = scope.map((part) => (status ? { ...part, status: status as CorrectionStatus } : part));
    return this.dataSource.getRepository(CorrectionReportEntity).find({ where, order: { filedAt: 'DESC', id: 'DESC' } });
  }

  private async answer(person: Person, id: string, status: 'ACCEPTED' | 'REJECTED', outcome: string): Promise<CorrectionReportEntity> {
    const report = await this.open(person, id);
    const answered: CorrectionReportEntity = { ...report, status, marked: false, outcome, answeredBy: person.id, answeredAt: new Date(this.clock.now()).toISOString() };
    await this.step(person.id, status === 'ACCEPTED' ? 'accept' : 'reject', answered, { status: 'OPEN' }, { status, outcome: digest(outcome) }, [
      {
        recipient: report.consumer,
        kind: 'correction.answered',
        subject: id,
        message: `${report.owner} ${status === 'ACCEPTED' ? 'accepted and corrected' : 'rejected'} your report on ${report.coordinate}.`,
      },
    ]);
    return answered;
  }

  private async open(person: Person, id: string): Promise<CorrectionReportEntity> {
    const report = await this.dataSource.getRepository(CorrectionReportEntity).findOneBy({ id });
    if (!report || !visibleIn(person, report, 'ALL')) throw AdminError.badInput(`no correction report "${id}" you may see`, 'id');
    if (!mayManage(person, report.owner)) throw AdminError.forbidden(`Only ${report.owner}'s officers or an administrator handle this report.`);
    if (report.status !== 'OPEN') throw AdminError.badInput(`report ${id} is ${report.status.toLowerCase()} already`, 'id');
    return report;
  }

  /** Writes the report as `report`, its ledger record and its notices in one transaction; refreshes the marks. */
  private async step(actor: string, action: GovernanceEntry['action'], report: CorrectionReportEntity, before: unknown, after: unknown, notify: Notice[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.chain.lock(manager);
      if (action === 'file') await manager.insert(CorrectionReportEntity, report);
      else {
        const { id, ...changes } = report;
        const result = await manager.update(CorrectionReportEntity, { id, status: 'OPEN' }, changes);
        if (result.affected === 0) throw AdminError.badInput(`report ${id} was answered meanwhile`, 'id');
      }
      await this.chain.record(manager, { kind: 'correction', exchangeId: randomUUID(), at: new Date().toISOString(), actor, action, subject: report.id, before, after, policyVersion: null });
      await this.notifications.notifyWithin(manager, notify);
    });
    await this.marks.refresh();
  }
}

/** A ledger record's entry, or null when it cannot be read as one (the report is then refused like one about an unknown exchange). */
function parsed(content: string): ExchangeEntry | null {
  try {
    return JSON.parse(content) as ExchangeEntry;
  } catch {
    return null;
  }
}

function text(value: string, argument: string): string {
  if (!value.trim() || value.length > TEXT_MAX) throw AdminError.badInput(`${argument}: required, at most ${TEXT_MAX} characters`, argument);
  // Systems file reports over REST too, past the admin API's check: the text is shown to officers all the same.
  if (hasUnprintable(value)) throw AdminError.badInput(`${argument}: ${UNPRINTABLE_MESSAGE}`, argument);
  return value.trim();
}

function summary(report: CorrectionReportEntity) {
  const { reporter, reporterKind, consumer, exchangeId, coordinate, path, owner, dueAt } = report;
  return { reporter, reporterKind, consumer, exchangeId, coordinate, path, owner, dueAt };
}
