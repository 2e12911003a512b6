/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ConsoleCalendar {\n    calendarYears {\n      year\n      holidays\n      workdays\n      source\n      updatedBy\n      updatedAt\n    }\n  }\n": typeof types.ConsoleCalendarDocument,
    "\n  mutation ConsolePutCalendarYear($input: CalendarYearInput!) {\n    putCalendarYear(input: $input) {\n      year\n    }\n  }\n": typeof types.ConsolePutCalendarYearDocument,
    "\n  query ConsoleRegistry {\n    people {\n      id\n      name\n      roles\n      department\n      issuer\n    }\n    purposes {\n      name\n      description\n    }\n    issuers {\n      issuer\n      audience\n      systemClaim\n      personClaim\n      systems\n      algorithms\n      maxTokenLifetimeS\n      tokenReuse\n    }\n    bureaus {\n      name\n      department\n      url\n    }\n  }\n": typeof types.ConsoleRegistryDocument,
    "\n  mutation ConsolePutPerson($input: PersonInput!) {\n    putPerson(input: $input) {\n      version\n    }\n  }\n": typeof types.ConsolePutPersonDocument,
    "\n  mutation ConsoleRemovePerson($id: String!) {\n    removePerson(id: $id) {\n      version\n    }\n  }\n": typeof types.ConsoleRemovePersonDocument,
    "\n  mutation ConsolePutPurpose($name: String!, $description: String!) {\n    putPurpose(name: $name, description: $description) {\n      version\n    }\n  }\n": typeof types.ConsolePutPurposeDocument,
    "\n  mutation ConsoleRemovePurpose($name: String!) {\n    removePurpose(name: $name) {\n      version\n    }\n  }\n": typeof types.ConsoleRemovePurposeDocument,
    "\n  mutation ConsolePutIssuer($input: IssuerInput!) {\n    putIssuer(input: $input) {\n      version\n    }\n  }\n": typeof types.ConsolePutIssuerDocument,
    "\n  mutation ConsoleRemoveIssuer($issuer: String!) {\n    removeIssuer(issuer: $issuer) {\n      version\n    }\n  }\n": typeof types.ConsoleRemoveIssuerDocument,
    "\n  mutation ConsolePutBureau($input: BureauInput!) {\n    putBureau(input: $input) {\n      registryVersion\n      served\n    }\n  }\n": typeof types.ConsolePutBureauDocument,
    "\n  mutation ConsoleRemoveBureau($name: String!) {\n    removeBureau(name: $name) {\n      registryVersion\n      served\n    }\n  }\n": typeof types.ConsoleRemoveBureauDocument,
    "\n  query ConsoleSupergraph {\n    supergraphVersions(last: 20) {\n      version\n      status\n      source\n      createdAt\n      proposedBy\n      decidedBy\n      added\n      removed\n      loosened\n    }\n  }\n": typeof types.ConsoleSupergraphDocument,
    "\n  mutation ConsoleApproveSupergraph($version: Int!) {\n    approveSupergraph(version: $version) {\n      version\n      status\n    }\n  }\n": typeof types.ConsoleApproveSupergraphDocument,
    "\n  mutation ConsoleRejectSupergraph($version: Int!, $reason: String!) {\n    rejectSupergraph(version: $version, reason: $reason) {\n      version\n      status\n    }\n  }\n": typeof types.ConsoleRejectSupergraphDocument,
    "\n  query ConsoleSystems {\n    systems {\n      id\n      department\n      clearance\n      purposes\n    }\n    purposes {\n      name\n    }\n  }\n": typeof types.ConsoleSystemsDocument,
    "\n  mutation ConsolePutSystem($input: SystemInput!) {\n    putSystem(input: $input) {\n      version\n    }\n  }\n": typeof types.ConsolePutSystemDocument,
    "\n  query ConsoleStatistics($from: String!, $to: String!) {\n    ledgerStatistics(from: $from, to: $to) {\n      decisions {\n        decision\n        count\n      }\n      days {\n        day\n        decision\n        count\n      }\n      pairs {\n        day\n        callerDepartment\n        ownerDepartment\n        exchanges\n      }\n      deniedFields {\n        coordinate\n        count\n      }\n      mostReadFields {\n        coordinate\n        count\n      }\n      gravest {\n        exchangeId\n        startedAt\n        system\n        decision\n        maxLevel\n      }\n    }\n  }\n": typeof types.ConsoleStatisticsDocument,
    "\n  query ConsoleExchangeReceipt($exchangeId: String!) {\n    exchangeReceipt(exchangeId: $exchangeId) {\n      receipt\n      check {\n        ...ReceiptCheckFields\n      }\n    }\n  }\n": typeof types.ConsoleExchangeReceiptDocument,
    "\n  query ConsoleExchanges($filter: LedgerFilterInput, $after: String) {\n    exchanges(filter: $filter, first: 25, after: $after) {\n      hasNextPage\n      endCursor\n      nodes {\n        exchangeId\n        startedAt\n        system\n        department\n        purpose\n        decision\n        maxLevel\n        traceId\n        chain\n        seq\n        hash\n        entry\n      }\n    }\n  }\n": typeof types.ConsoleExchangesDocument,
    "\n  fragment ReceiptCheckFields on ReceiptCheckModel {\n    ok\n    failure\n    detail\n    exchangeId\n    chain\n    seq\n    hash\n    system\n    decision\n    issuedAt\n    checkpoint {\n      number\n      seq\n    }\n  }\n": typeof types.ReceiptCheckFieldsFragmentDoc,
    "\n  query ConsoleCheckReceipt($receipt: String!) {\n    checkReceipt(receipt: $receipt) {\n      ...ReceiptCheckFields\n    }\n  }\n": typeof types.ConsoleCheckReceiptDocument,
    "\n  query ConsoleSubjectExchanges($subject: DataSubjectInput!, $after: String) {\n    subjectExchanges(subject: $subject, first: 25, after: $after) {\n      hasNextPage\n      endCursor\n      nodes {\n        exchangeId\n        startedAt\n        system\n        department\n        purpose\n        decision\n        fields {\n          coordinate\n          outcome\n        }\n      }\n    }\n  }\n": typeof types.ConsoleSubjectExchangesDocument,
    "\n  fragment VerificationRunFields on LedgerVerification {\n    ok\n    verified\n    chains\n    checkpoints\n    finishedAt\n    by\n    broken {\n      chain\n      seq\n      reason\n    }\n  }\n": typeof types.VerificationRunFieldsFragmentDoc,
    "\n  query ConsoleLastVerification {\n    ledgerVerifications(last: 1) {\n      ...VerificationRunFields\n    }\n  }\n": typeof types.ConsoleLastVerificationDocument,
    "\n  query ConsoleVerify {\n    ledgerVerification {\n      ...VerificationRunFields\n    }\n  }\n": typeof types.ConsoleVerifyDocument,
    "\n  query ConsoleApplications($box: ApplicationBox!, $after: String) {\n    applications(box: $box, first: 25, after: $after) {\n      id\n      kind\n      consumer\n      owner\n      targets\n      purpose\n      status\n      dueAt\n      overdue\n      reason\n      requestedDays\n    }\n  }\n": typeof types.ConsoleApplicationsDocument,
    "\n  mutation ConsoleRefuse($id: String!, $reason: String!) {\n    refuseApplication(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.ConsoleRefuseDocument,
    "\n  mutation ConsoleAccept($id: String!) {\n    reviewApplication(id: $id, decision: ACCEPT) {\n      id\n      status\n    }\n  }\n": typeof types.ConsoleAcceptDocument,
    "\n  mutation ConsoleApproveWith($id: String!, $days: Int, $conditions: GrantConditionsInput) {\n    approveApplication(id: $id, days: $days, conditions: $conditions) {\n      id\n      status\n    }\n  }\n": typeof types.ConsoleApproveWithDocument,
    "\n  query ConsoleCatalog($filter: CatalogFilterInput) {\n    catalog(filter: $filter) {\n      coordinate\n      owner\n      level\n      pii\n      sharing\n      description\n    }\n  }\n": typeof types.ConsoleCatalogDocument,
    "\n  query ConsoleCorrections($after: String) {\n    corrections(first: 25, after: $after) {\n      id\n      consumer\n      owner\n      coordinate\n      exchangeId\n      status\n      marked\n      dueAt\n      overdue\n      outcome\n    }\n  }\n": typeof types.ConsoleCorrectionsDocument,
    "\n  mutation ConsoleMark($id: String!, $marked: Boolean!) {\n    markObjection(id: $id, marked: $marked) {\n      id\n      marked\n    }\n  }\n": typeof types.ConsoleMarkDocument,
    "\n  mutation ConsoleAcceptCorrection($id: String!, $outcome: String!) {\n    acceptCorrection(id: $id, outcome: $outcome) {\n      id\n      status\n    }\n  }\n": typeof types.ConsoleAcceptCorrectionDocument,
    "\n  mutation ConsoleRejectCorrection($id: String!, $reason: String!) {\n    rejectCorrection(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.ConsoleRejectCorrectionDocument,
    "\n  query ConsoleImpact($put: GrantInput!) {\n    impact(put: $put, days: 30) {\n      days\n      exchangesAffected\n      newlyDenied\n      newlyAllowed\n    }\n  }\n": typeof types.ConsoleImpactDocument,
    "\n  mutation ConsolePutGrant($input: GrantInput!) {\n    putGrant(input: $input) {\n      version\n      warnings\n    }\n  }\n": typeof types.ConsolePutGrantDocument,
    "\n  query ConsoleGrantWhatIf($system: String!, $purpose: String!, $operation: String!, $put: GrantInput!) {\n    simulate(system: $system, purpose: $purpose, operation: $operation, put: $put) {\n      ...SimulatedFieldParts\n    }\n  }\n": typeof types.ConsoleGrantWhatIfDocument,
    "\n  query ConsoleGrants($after: String) {\n    grants(first: 25, after: $after) {\n      id\n      subject\n      owner\n      target\n      maxLevel\n      purpose\n      validUntil\n      status\n      obligations\n      dailyLimit\n      duties\n      effect\n      basis\n    }\n  }\n": typeof types.ConsoleGrantsDocument,
    "\n  query ConsoleSimulate($system: String, $purpose: String!, $operation: String!) {\n    simulate(system: $system, purpose: $purpose, operation: $operation) {\n      ...SimulatedFieldParts\n    }\n  }\n": typeof types.ConsoleSimulateDocument,
    "\n  fragment SimulatedFieldParts on SimulatedFieldModel {\n    path\n    coordinate\n    outcome\n    mask\n    denial\n    rules\n  }\n": typeof types.SimulatedFieldPartsFragmentDoc,
    "\n  query ConsoleOwnerUsage($from: String!, $to: String!) {\n    ownerUsage(from: $from, to: $to) {\n      owner\n      reads {\n        day\n        system\n        purpose\n        coordinate\n        served\n        masked\n        denied\n      }\n      gravest {\n        exchangeId\n        startedAt\n        system\n        purpose\n        decision\n      }\n    }\n  }\n": typeof types.ConsoleOwnerUsageDocument,
    "\n  query ConsoleNotifications($before: String) {\n    notifications(limit: 25, before: $before) {\n      id\n      kind\n      subject\n      message\n      at\n      delivery\n    }\n  }\n": typeof types.ConsoleNotificationsDocument,
    "\n  query ConsolePolicyVersions {\n    policyVersions(last: 30) {\n      version\n      at\n      actor\n      action\n      subject\n    }\n  }\n": typeof types.ConsolePolicyVersionsDocument,
    "\n  mutation ConsoleRollback($toVersion: Int!) {\n    rollbackPolicy(toVersion: $toVersion) {\n      version\n    }\n  }\n": typeof types.ConsoleRollbackDocument,
};
const documents: Documents = {
    "\n  query ConsoleCalendar {\n    calendarYears {\n      year\n      holidays\n      workdays\n      source\n      updatedBy\n      updatedAt\n    }\n  }\n": types.ConsoleCalendarDocument,
    "\n  mutation ConsolePutCalendarYear($input: CalendarYearInput!) {\n    putCalendarYear(input: $input) {\n      year\n    }\n  }\n": types.ConsolePutCalendarYearDocument,
    "\n  query ConsoleRegistry {\n    people {\n      id\n      name\n      roles\n      department\n      issuer\n    }\n    purposes {\n      name\n      description\n    }\n    issuers {\n      issuer\n      audience\n      systemClaim\n      personClaim\n      systems\n      algorithms\n      maxTokenLifetimeS\n      tokenReuse\n    }\n    bureaus {\n      name\n      department\n      url\n    }\n  }\n": types.ConsoleRegistryDocument,
    "\n  mutation ConsolePutPerson($input: PersonInput!) {\n    putPerson(input: $input) {\n      version\n    }\n  }\n": types.ConsolePutPersonDocument,
    "\n  mutation ConsoleRemovePerson($id: String!) {\n    removePerson(id: $id) {\n      version\n    }\n  }\n": types.ConsoleRemovePersonDocument,
    "\n  mutation ConsolePutPurpose($name: String!, $description: String!) {\n    putPurpose(name: $name, description: $description) {\n      version\n    }\n  }\n": types.ConsolePutPurposeDocument,
    "\n  mutation ConsoleRemovePurpose($name: String!) {\n    removePurpose(name: $name) {\n      version\n    }\n  }\n": types.ConsoleRemovePurposeDocument,
    "\n  mutation ConsolePutIssuer($input: IssuerInput!) {\n    putIssuer(input: $input) {\n      version\n    }\n  }\n": types.ConsolePutIssuerDocument,
    "\n  mutation ConsoleRemoveIssuer($issuer: String!) {\n    removeIssuer(issuer: $issuer) {\n      version\n    }\n  }\n": types.ConsoleRemoveIssuerDocument,
    "\n  mutation ConsolePutBureau($input: BureauInput!) {\n    putBureau(input: $input) {\n      registryVersion\n      served\n    }\n  }\n": types.ConsolePutBureauDocument,
    "\n  mutation ConsoleRemoveBureau($name: String!) {\n    removeBureau(name: $name) {\n      registryVersion\n      served\n    }\n  }\n": types.ConsoleRemoveBureauDocument,
    "\n  query ConsoleSupergraph {\n    supergraphVersions(last: 20) {\n      version\n      status\n      source\n      createdAt\n      proposedBy\n      decidedBy\n      added\n      removed\n      loosened\n    }\n  }\n": types.ConsoleSupergraphDocument,
    "\n  mutation ConsoleApproveSupergraph($version: Int!) {\n    approveSupergraph(version: $version) {\n      version\n      status\n    }\n  }\n": types.ConsoleApproveSupergraphDocument,
    "\n  mutation ConsoleRejectSupergraph($version: Int!, $reason: String!) {\n    rejectSupergraph(version: $version, reason: $reason) {\n      version\n      status\n    }\n  }\n": types.ConsoleRejectSupergraphDocument,
    "\n  query ConsoleSystems {\n    systems {\n      id\n      department\n      clearance\n      purposes\n    }\n    purposes {\n      name\n    }\n  }\n": types.ConsoleSystemsDocument,
    "\n  mutation ConsolePutSystem($input: SystemInput!) {\n    putSystem(input: $input) {\n      version\n    }\n  }\n": types.ConsolePutSystemDocument,
    "\n  query ConsoleStatistics($from: String!, $to: String!) {\n    ledgerStatistics(from: $from, to: $to) {\n      decisions {\n        decision\n        count\n      }\n      days {\n        day\n        decision\n        count\n      }\n      pairs {\n        day\n        callerDepartment\n        ownerDepartment\n        exchanges\n      }\n      deniedFields {\n        coordinate\n        count\n      }\n      mostReadFields {\n        coordinate\n        count\n      }\n      gravest {\n        exchangeId\n        startedAt\n        system\n        decision\n        maxLevel\n      }\n    }\n  }\n": types.ConsoleStatisticsDocument,
    "\n  query ConsoleExchangeReceipt($exchangeId: String!) {\n    exchangeReceipt(exchangeId: $exchangeId) {\n      receipt\n      check {\n        ...ReceiptCheckFields\n      }\n    }\n  }\n": types.ConsoleExchangeReceiptDocument,
    "\n  query ConsoleExchanges($filter: LedgerFilterInput, $after: String) {\n    exchanges(filter: $filter, first: 25, after: $after) {\n      hasNextPage\n      endCursor\n      nodes {\n        exchangeId\n        startedAt\n        system\n        department\n        purpose\n        decision\n        maxLevel\n        traceId\n        chain\n        seq\n        hash\n        entry\n      }\n    }\n  }\n": types.ConsoleExchangesDocument,
    "\n  fragment ReceiptCheckFields on ReceiptCheckModel {\n    ok\n    failure\n    detail\n    exchangeId\n    chain\n    seq\n    hash\n    system\n    decision\n    issuedAt\n    checkpoint {\n      number\n      seq\n    }\n  }\n": types.ReceiptCheckFieldsFragmentDoc,
    "\n  query ConsoleCheckReceipt($receipt: String!) {\n    checkReceipt(receipt: $receipt) {\n      ...ReceiptCheckFields\n    }\n  }\n": types.ConsoleCheckReceiptDocument,
    "\n  query ConsoleSubjectExchanges($subject: DataSubjectInput!, $after: String) {\n    subjectExchanges(subject: $subject, first: 25, after: $after) {\n      hasNextPage\n      endCursor\n      nodes {\n        exchangeId\n        startedAt\n        system\n        department\n        purpose\n        decision\n        fields {\n          coordinate\n          outcome\n        }\n      }\n    }\n  }\n": types.ConsoleSubjectExchangesDocument,
    "\n  fragment VerificationRunFields on LedgerVerification {\n    ok\n    verified\n    chains\n    checkpoints\n    finishedAt\n    by\n    broken {\n      chain\n      seq\n      reason\n    }\n  }\n": types.VerificationRunFieldsFragmentDoc,
    "\n  query ConsoleLastVerification {\n    ledgerVerifications(last: 1) {\n      ...VerificationRunFields\n    }\n  }\n": types.ConsoleLastVerificationDocument,
    "\n  query ConsoleVerify {\n    ledgerVerification {\n      ...VerificationRunFields\n    }\n  }\n": types.ConsoleVerifyDocument,
    "\n  query ConsoleApplications($box: ApplicationBox!, $after: String) {\n    applications(box: $box, first: 25, after: $after) {\n      id\n      kind\n      consumer\n      owner\n      targets\n      purpose\n      status\n      dueAt\n      overdue\n      reason\n      requestedDays\n    }\n  }\n": types.ConsoleApplicationsDocument,
    "\n  mutation ConsoleRefuse($id: String!, $reason: String!) {\n    refuseApplication(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.ConsoleRefuseDocument,
    "\n  mutation ConsoleAccept($id: String!) {\n    reviewApplication(id: $id, decision: ACCEPT) {\n      id\n      status\n    }\n  }\n": types.ConsoleAcceptDocument,
    "\n  mutation ConsoleApproveWith($id: String!, $days: Int, $conditions: GrantConditionsInput) {\n    approveApplication(id: $id, days: $days, conditions: $conditions) {\n      id\n      status\n    }\n  }\n": types.ConsoleApproveWithDocument,
    "\n  query ConsoleCatalog($filter: CatalogFilterInput) {\n    catalog(filter: $filter) {\n      coordinate\n      owner\n      level\n      pii\n      sharing\n      description\n    }\n  }\n": types.ConsoleCatalogDocument,
    "\n  query ConsoleCorrections($after: String) {\n    corrections(first: 25, after: $after) {\n      id\n      consumer\n      owner\n      coordinate\n      exchangeId\n      status\n      marked\n      dueAt\n      overdue\n      outcome\n    }\n  }\n": types.ConsoleCorrectionsDocument,
    "\n  mutation ConsoleMark($id: String!, $marked: Boolean!) {\n    markObjection(id: $id, marked: $marked) {\n      id\n      marked\n    }\n  }\n": types.ConsoleMarkDocument,
    "\n  mutation ConsoleAcceptCorrection($id: String!, $outcome: String!) {\n    acceptCorrection(id: $id, outcome: $outcome) {\n      id\n      status\n    }\n  }\n": types.ConsoleAcceptCorrectionDocument,
    "\n  mutation ConsoleRejectCorrection($id: String!, $reason: String!) {\n    rejectCorrection(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.ConsoleRejectCorrectionDocument,
    "\n  query ConsoleImpact($put: GrantInput!) {\n    impact(put: $put, days: 30) {\n      days\n      exchangesAffected\n      newlyDenied\n      newlyAllowed\n    }\n  }\n": types.ConsoleImpactDocument,
    "\n  mutation ConsolePutGrant($input: GrantInput!) {\n    putGrant(input: $input) {\n      version\n      warnings\n    }\n  }\n": types.ConsolePutGrantDocument,
    "\n  query ConsoleGrantWhatIf($system: String!, $purpose: String!, $operation: String!, $put: GrantInput!) {\n    simulate(system: $system, purpose: $purpose, operation: $operation, put: $put) {\n      ...SimulatedFieldParts\n    }\n  }\n": types.ConsoleGrantWhatIfDocument,
    "\n  query ConsoleGrants($after: String) {\n    grants(first: 25, after: $after) {\n      id\n      subject\n      owner\n      target\n      maxLevel\n      purpose\n      validUntil\n      status\n      obligations\n      dailyLimit\n      duties\n      effect\n      basis\n    }\n  }\n": types.ConsoleGrantsDocument,
    "\n  query ConsoleSimulate($system: String, $purpose: String!, $operation: String!) {\n    simulate(system: $system, purpose: $purpose, operation: $operation) {\n      ...SimulatedFieldParts\n    }\n  }\n": types.ConsoleSimulateDocument,
    "\n  fragment SimulatedFieldParts on SimulatedFieldModel {\n    path\n    coordinate\n    outcome\n    mask\n    denial\n    rules\n  }\n": types.SimulatedFieldPartsFragmentDoc,
    "\n  query ConsoleOwnerUsage($from: String!, $to: String!) {\n    ownerUsage(from: $from, to: $to) {\n      owner\n      reads {\n        day\n        system\n        purpose\n        coordinate\n        served\n        masked\n        denied\n      }\n      gravest {\n        exchangeId\n        startedAt\n        system\n        purpose\n        decision\n      }\n    }\n  }\n": types.ConsoleOwnerUsageDocument,
    "\n  query ConsoleNotifications($before: String) {\n    notifications(limit: 25, before: $before) {\n      id\n      kind\n      subject\n      message\n      at\n      delivery\n    }\n  }\n": types.ConsoleNotificationsDocument,
    "\n  query ConsolePolicyVersions {\n    policyVersions(last: 30) {\n      version\n      at\n      actor\n      action\n      subject\n    }\n  }\n": types.ConsolePolicyVersionsDocument,
    "\n  mutation ConsoleRollback($toVersion: Int!) {\n    rollbackPolicy(toVersion: $toVersion) {\n      version\n    }\n  }\n": types.ConsoleRollbackDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCalendar {\n    calendarYears {\n      year\n      holidays\n      workdays\n      source\n      updatedBy\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCalendar {\n    calendarYears {\n      year\n      holidays\n      workdays\n      source\n      updatedBy\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsolePutCalendarYear($input: CalendarYearInput!) {\n    putCalendarYear(input: $input) {\n      year\n    }\n  }\n"): (typeof documents)["\n  mutation ConsolePutCalendarYear($input: CalendarYearInput!) {\n    putCalendarYear(input: $input) {\n      year\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleRegistry {\n    people {\n      id\n      name\n      roles\n      department\n      issuer\n    }\n    purposes {\n      name\n      description\n    }\n    issuers {\n      issuer\n      audience\n      systemClaim\n      personClaim\n      systems\n      algorithms\n      maxTokenLifetimeS\n      tokenReuse\n    }\n    bureaus {\n      name\n      department\n      url\n    }\n  }\n"): (typeof documents)["\n  query ConsoleRegistry {\n    people {\n      id\n      name\n      roles\n      department\n      issuer\n    }\n    purposes {\n      name\n      description\n    }\n    issuers {\n      issuer\n      audience\n      systemClaim\n      personClaim\n      systems\n      algorithms\n      maxTokenLifetimeS\n      tokenReuse\n    }\n    bureaus {\n      name\n      department\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsolePutPerson($input: PersonInput!) {\n    putPerson(input: $input) {\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation ConsolePutPerson($input: PersonInput!) {\n    putPerson(input: $input) {\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemovePerson($id: String!) {\n    removePerson(id: $id) {\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRemovePerson($id: String!) {\n    removePerson(id: $id) {\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsolePutPurpose($name: String!, $description: String!) {\n    putPurpose(name: $name, description: $description) {\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation ConsolePutPurpose($name: String!, $description: String!) {\n    putPurpose(name: $name, description: $description) {\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemovePurpose($name: String!) {\n    removePurpose(name: $name) {\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRemovePurpose($name: String!) {\n    removePurpose(name: $name) {\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsolePutIssuer($input: IssuerInput!) {\n    putIssuer(input: $input) {\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation ConsolePutIssuer($input: IssuerInput!) {\n    putIssuer(input: $input) {\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveIssuer($issuer: String!) {\n    removeIssuer(issuer: $issuer) {\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRemoveIssuer($issuer: String!) {\n    removeIssuer(issuer: $issuer) {\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsolePutBureau($input: BureauInput!) {\n    putBureau(input: $input) {\n      registryVersion\n      served\n    }\n  }\n"): (typeof documents)["\n  mutation ConsolePutBureau($input: BureauInput!) {\n    putBureau(input: $input) {\n      registryVersion\n      served\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRemoveBureau($name: String!) {\n    removeBureau(name: $name) {\n      registryVersion\n      served\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRemoveBureau($name: String!) {\n    removeBureau(name: $name) {\n      registryVersion\n      served\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSupergraph {\n    supergraphVersions(last: 20) {\n      version\n      status\n      source\n      createdAt\n      proposedBy\n      decidedBy\n      added\n      removed\n      loosened\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSupergraph {\n    supergraphVersions(last: 20) {\n      version\n      status\n      source\n      createdAt\n      proposedBy\n      decidedBy\n      added\n      removed\n      loosened\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleApproveSupergraph($version: Int!) {\n    approveSupergraph(version: $version) {\n      version\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleApproveSupergraph($version: Int!) {\n    approveSupergraph(version: $version) {\n      version\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRejectSupergraph($version: Int!, $reason: String!) {\n    rejectSupergraph(version: $version, reason: $reason) {\n      version\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRejectSupergraph($version: Int!, $reason: String!) {\n    rejectSupergraph(version: $version, reason: $reason) {\n      version\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSystems {\n    systems {\n      id\n      department\n      clearance\n      purposes\n    }\n    purposes {\n      name\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSystems {\n    systems {\n      id\n      department\n      clearance\n      purposes\n    }\n    purposes {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsolePutSystem($input: SystemInput!) {\n    putSystem(input: $input) {\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation ConsolePutSystem($input: SystemInput!) {\n    putSystem(input: $input) {\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleStatistics($from: String!, $to: String!) {\n    ledgerStatistics(from: $from, to: $to) {\n      decisions {\n        decision\n        count\n      }\n      days {\n        day\n        decision\n        count\n      }\n      pairs {\n        day\n        callerDepartment\n        ownerDepartment\n        exchanges\n      }\n      deniedFields {\n        coordinate\n        count\n      }\n      mostReadFields {\n        coordinate\n        count\n      }\n      gravest {\n        exchangeId\n        startedAt\n        system\n        decision\n        maxLevel\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleStatistics($from: String!, $to: String!) {\n    ledgerStatistics(from: $from, to: $to) {\n      decisions {\n        decision\n        count\n      }\n      days {\n        day\n        decision\n        count\n      }\n      pairs {\n        day\n        callerDepartment\n        ownerDepartment\n        exchanges\n      }\n      deniedFields {\n        coordinate\n        count\n      }\n      mostReadFields {\n        coordinate\n        count\n      }\n      gravest {\n        exchangeId\n        startedAt\n        system\n        decision\n        maxLevel\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleExchangeReceipt($exchangeId: String!) {\n    exchangeReceipt(exchangeId: $exchangeId) {\n      receipt\n      check {\n        ...ReceiptCheckFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleExchangeReceipt($exchangeId: String!) {\n    exchangeReceipt(exchangeId: $exchangeId) {\n      receipt\n      check {\n        ...ReceiptCheckFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleExchanges($filter: LedgerFilterInput, $after: String) {\n    exchanges(filter: $filter, first: 25, after: $after) {\n      hasNextPage\n      endCursor\n      nodes {\n        exchangeId\n        startedAt\n        system\n        department\n        purpose\n        decision\n        maxLevel\n        traceId\n        chain\n        seq\n        hash\n        entry\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleExchanges($filter: LedgerFilterInput, $after: String) {\n    exchanges(filter: $filter, first: 25, after: $after) {\n      hasNextPage\n      endCursor\n      nodes {\n        exchangeId\n        startedAt\n        system\n        department\n        purpose\n        decision\n        maxLevel\n        traceId\n        chain\n        seq\n        hash\n        entry\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReceiptCheckFields on ReceiptCheckModel {\n    ok\n    failure\n    detail\n    exchangeId\n    chain\n    seq\n    hash\n    system\n    decision\n    issuedAt\n    checkpoint {\n      number\n      seq\n    }\n  }\n"): (typeof documents)["\n  fragment ReceiptCheckFields on ReceiptCheckModel {\n    ok\n    failure\n    detail\n    exchangeId\n    chain\n    seq\n    hash\n    system\n    decision\n    issuedAt\n    checkpoint {\n      number\n      seq\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCheckReceipt($receipt: String!) {\n    checkReceipt(receipt: $receipt) {\n      ...ReceiptCheckFields\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCheckReceipt($receipt: String!) {\n    checkReceipt(receipt: $receipt) {\n      ...ReceiptCheckFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSubjectExchanges($subject: DataSubjectInput!, $after: String) {\n    subjectExchanges(subject: $subject, first: 25, after: $after) {\n      hasNextPage\n      endCursor\n      nodes {\n        exchangeId\n        startedAt\n        system\n        department\n        purpose\n        decision\n        fields {\n          coordinate\n          outcome\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSubjectExchanges($subject: DataSubjectInput!, $after: String) {\n    subjectExchanges(subject: $subject, first: 25, after: $after) {\n      hasNextPage\n      endCursor\n      nodes {\n        exchangeId\n        startedAt\n        system\n        department\n        purpose\n        decision\n        fields {\n          coordinate\n          outcome\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VerificationRunFields on LedgerVerification {\n    ok\n    verified\n    chains\n    checkpoints\n    finishedAt\n    by\n    broken {\n      chain\n      seq\n      reason\n    }\n  }\n"): (typeof documents)["\n  fragment VerificationRunFields on LedgerVerification {\n    ok\n    verified\n    chains\n    checkpoints\n    finishedAt\n    by\n    broken {\n      chain\n      seq\n      reason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleLastVerification {\n    ledgerVerifications(last: 1) {\n      ...VerificationRunFields\n    }\n  }\n"): (typeof documents)["\n  query ConsoleLastVerification {\n    ledgerVerifications(last: 1) {\n      ...VerificationRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleVerify {\n    ledgerVerification {\n      ...VerificationRunFields\n    }\n  }\n"): (typeof documents)["\n  query ConsoleVerify {\n    ledgerVerification {\n      ...VerificationRunFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleApplications($box: ApplicationBox!, $after: String) {\n    applications(box: $box, first: 25, after: $after) {\n      id\n      kind\n      consumer\n      owner\n      targets\n      purpose\n      status\n      dueAt\n      overdue\n      reason\n      requestedDays\n    }\n  }\n"): (typeof documents)["\n  query ConsoleApplications($box: ApplicationBox!, $after: String) {\n    applications(box: $box, first: 25, after: $after) {\n      id\n      kind\n      consumer\n      owner\n      targets\n      purpose\n      status\n      dueAt\n      overdue\n      reason\n      requestedDays\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRefuse($id: String!, $reason: String!) {\n    refuseApplication(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRefuse($id: String!, $reason: String!) {\n    refuseApplication(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAccept($id: String!) {\n    reviewApplication(id: $id, decision: ACCEPT) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleAccept($id: String!) {\n    reviewApplication(id: $id, decision: ACCEPT) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleApproveWith($id: String!, $days: Int, $conditions: GrantConditionsInput) {\n    approveApplication(id: $id, days: $days, conditions: $conditions) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleApproveWith($id: String!, $days: Int, $conditions: GrantConditionsInput) {\n    approveApplication(id: $id, days: $days, conditions: $conditions) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCatalog($filter: CatalogFilterInput) {\n    catalog(filter: $filter) {\n      coordinate\n      owner\n      level\n      pii\n      sharing\n      description\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCatalog($filter: CatalogFilterInput) {\n    catalog(filter: $filter) {\n      coordinate\n      owner\n      level\n      pii\n      sharing\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCorrections($after: String) {\n    corrections(first: 25, after: $after) {\n      id\n      consumer\n      owner\n      coordinate\n      exchangeId\n      status\n      marked\n      dueAt\n      overdue\n      outcome\n    }\n  }\n"): (typeof documents)["\n  query ConsoleCorrections($after: String) {\n    corrections(first: 25, after: $after) {\n      id\n      consumer\n      owner\n      coordinate\n      exchangeId\n      status\n      marked\n      dueAt\n      overdue\n      outcome\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleMark($id: String!, $marked: Boolean!) {\n    markObjection(id: $id, marked: $marked) {\n      id\n      marked\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleMark($id: String!, $marked: Boolean!) {\n    markObjection(id: $id, marked: $marked) {\n      id\n      marked\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAcceptCorrection($id: String!, $outcome: String!) {\n    acceptCorrection(id: $id, outcome: $outcome) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleAcceptCorrection($id: String!, $outcome: String!) {\n    acceptCorrection(id: $id, outcome: $outcome) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRejectCorrection($id: String!, $reason: String!) {\n    rejectCorrection(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRejectCorrection($id: String!, $reason: String!) {\n    rejectCorrection(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleImpact($put: GrantInput!) {\n    impact(put: $put, days: 30) {\n      days\n      exchangesAffected\n      newlyDenied\n      newlyAllowed\n    }\n  }\n"): (typeof documents)["\n  query ConsoleImpact($put: GrantInput!) {\n    impact(put: $put, days: 30) {\n      days\n      exchangesAffected\n      newlyDenied\n      newlyAllowed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsolePutGrant($input: GrantInput!) {\n    putGrant(input: $input) {\n      version\n      warnings\n    }\n  }\n"): (typeof documents)["\n  mutation ConsolePutGrant($input: GrantInput!) {\n    putGrant(input: $input) {\n      version\n      warnings\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleGrantWhatIf($system: String!, $purpose: String!, $operation: String!, $put: GrantInput!) {\n    simulate(system: $system, purpose: $purpose, operation: $operation, put: $put) {\n      ...SimulatedFieldParts\n    }\n  }\n"): (typeof documents)["\n  query ConsoleGrantWhatIf($system: String!, $purpose: String!, $operation: String!, $put: GrantInput!) {\n    simulate(system: $system, purpose: $purpose, operation: $operation, put: $put) {\n      ...SimulatedFieldParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleGrants($after: String) {\n    grants(first: 25, after: $after) {\n      id\n      subject\n      owner\n      target\n      maxLevel\n      purpose\n      validUntil\n      status\n      obligations\n      dailyLimit\n      duties\n      effect\n      basis\n    }\n  }\n"): (typeof documents)["\n  query ConsoleGrants($after: String) {\n    grants(first: 25, after: $after) {\n      id\n      subject\n      owner\n      target\n      maxLevel\n      purpose\n      validUntil\n      status\n      obligations\n      dailyLimit\n      duties\n      effect\n      basis\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSimulate($system: String, $purpose: String!, $operation: String!) {\n    simulate(system: $system, purpose: $purpose, operation: $operation) {\n      ...SimulatedFieldParts\n    }\n  }\n"): (typeof documents)["\n  query ConsoleSimulate($system: String, $purpose: String!, $operation: String!) {\n    simulate(system: $system, purpose: $purpose, operation: $operation) {\n      ...SimulatedFieldParts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SimulatedFieldParts on SimulatedFieldModel {\n    path\n    coordinate\n    outcome\n    mask\n    denial\n    rules\n  }\n"): (typeof documents)["\n  fragment SimulatedFieldParts on SimulatedFieldModel {\n    path\n    coordinate\n    outcome\n    mask\n    denial\n    rules\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOwnerUsage($from: String!, $to: String!) {\n    ownerUsage(from: $from, to: $to) {\n      owner\n      reads {\n        day\n        system\n        purpose\n        coordinate\n        served\n        masked\n        denied\n      }\n      gravest {\n        exchangeId\n        startedAt\n        system\n        purpose\n        decision\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleOwnerUsage($from: String!, $to: String!) {\n    ownerUsage(from: $from, to: $to) {\n      owner\n      reads {\n        day\n        system\n        purpose\n        coordinate\n        served\n        masked\n        denied\n      }\n      gravest {\n        exchangeId\n        startedAt\n        system\n        purpose\n        decision\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleNotifications($before: String) {\n    notifications(limit: 25, before: $before) {\n      id\n      kind\n      subject\n      message\n      at\n      delivery\n    }\n  }\n"): (typeof documents)["\n  query ConsoleNotifications($before: String) {\n    notifications(limit: 25, before: $before) {\n      id\n      kind\n      subject\n      message\n      at\n      delivery\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePolicyVersions {\n    policyVersions(last: 30) {\n      version\n      at\n      actor\n      action\n      subject\n    }\n  }\n"): (typeof documents)["\n  query ConsolePolicyVersions {\n    policyVersions(last: 30) {\n      version\n      at\n      actor\n      action\n      subject\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRollback($toVersion: Int!) {\n    rollbackPolicy(toVersion: $toVersion) {\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleRollback($toVersion: Int!) {\n    rollbackPolicy(toVersion: $toVersion) {\n      version\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;