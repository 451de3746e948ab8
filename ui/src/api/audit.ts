/** The audit log for supervisors: a filtered page at a time, the filters' choices, and the chain check. */
import type { AuditChainStatus } from '../generated/AuditChainStatus';
import type { AuditEntryView } from '../generated/AuditEntryView';
import type { AuditFilter } from '../generated/AuditFilter';
import type { AuditFilterOptions } from '../generated/AuditFilterOptions';
import type { AuditPage } from '../generated/AuditPage';
import type { FieldChange } from '../generated/FieldChange';
import { call } from './call';

export type { AuditFilterOptions, FieldChange };

/** One entry of the log. */
export type AuditEntry = AuditEntryView;

/** A page of entries, newest first; pass `nextBeforeSeq` as `beforeSeq` for the next (older) page. */
export type AuditLogPage = AuditPage;

/** What to show: `from`/`to` are local `YYYY-MM-DD` (inclusive); `actorId` `"system"` means set-up and demo data. */
export type AuditQuery = AuditFilter;

/** The chain's state: how many entries, and whether they still match the hash chain (else what is wrong). */
export type AuditChain = AuditChainStatus;

/** `browse_audit`: one page of the log, newest first (read-only). */
export function browseAudit(query: AuditQuery): Promise<AuditLogPage> {
  return call<AuditPage>('browse_audit', { filter: { ...query } });
}

/** `get_audit_filter_options`: the users, record types and actions that the filters offer. */
export function getAuditFilterOptions(): Promise<AuditFilterOptions> {
  return call<AuditFilterOptions>('get_audit_filter_options');
}

/** `get_audit_chain_status`: walks the hash chain; `problem` is already in the UI's language. */
export function getAuditChainStatus(): Promise<AuditChain> {
  return call<AuditChainStatus>('get_audit_chain_status');
}
