/**
 * Requests and complaints: categories and their questions, intake at the counter (the acknowledgement slip
 * prints at once), lists and counts per role, one request's page and its workflow, the call-back list, and
 * which division a user belongs to. Core checks every permission and every rule (restricted complaints are
 * simply absent for those who may not see them); messages come back in the user's language.
 */
import type { AttachmentData } from '../generated/AttachmentData';
import type { AttachmentInput } from '../generated/AttachmentInput';
import type { AttachmentMeta } from '../generated/AttachmentMeta';
import type { AttributeDef } from '../generated/AttributeDef';
import type { AttributeValue } from '../generated/AttributeValue';
import type { CallBack } from '../generated/CallBack';
import type { Category } from '../generated/Category';
import type { CategoryInput } from '../generated/CategoryInput';
import type { Confidentiality } from '../generated/Confidentiality';
import type { ContactChannel } from '../generated/ContactChannel';
import type { Datatype } from '../generated/Datatype';
import type { EventView } from '../generated/EventView';
import type { IntakeInput } from '../generated/IntakeInput';
import type { IntakeResult } from '../generated/IntakeResult';
import type { Kind } from '../generated/Kind';
import type { ListFilter } from '../generated/ListFilter';
import type { NotificationView } from '../generated/NotificationView';
import type { Received } from '../generated/Received';
import type { Reporter } from '../generated/Reporter';
import type { RequestCounts } from '../generated/RequestCounts';
import type { RequestDetail } from '../generated/RequestDetail';
import type { RequestListItem } from '../generated/RequestListItem';
import type { Scope } from '../generated/Scope';
import type { Source } from '../generated/Source';
import type { StaffOption } from '../generated/StaffOption';
import type { State as RequestState } from '../generated/State';
import { call } from './call';

export type {
  AttachmentData,
  AttachmentInput,
  AttachmentMeta,
  AttributeDef,
  AttributeValue,
  CallBack,
  Category,
  CategoryInput,
  Confidentiality,
  ContactChannel,
  Datatype,
  EventView,
  IntakeInput,
  IntakeResult,
  Kind,
  ListFilter,
  NotificationView,
  Received,
  Reporter,
  RequestCounts,
  RequestDetail,
  RequestListItem,
  RequestState,
  Scope,
  Source,
  StaffOption,
};

/** Every kind, in the intake screen's order (core's `Kind::ALL`). */
export const KINDS: readonly Kind[] = ['service', 'grievance', 'corruption'];

/** Every state, in the workflow's order (core's `State::ALL`). */
export const STATES: readonly RequestState[] = [
  'received',
  'checking',
  'in_progress',
  'forwarded',
  'done',
  'not_our_remit',
  'duplicate',
  'cancelled',
];

/** Every contact channel, in the intake screen's order (core's `ContactChannel::ALL`). */
export const CHANNELS: readonly ContactChannel[] = ['sms', 'email', 'call_back', 'none'];

/** Every question datatype (Open311's), in the category editor's order. */
export const DATATYPES: readonly Datatype[] = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
];

/** The largest attachment core accepts (core's `MAX_ATTACHMENT_BYTES`): checked there, shown here. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Whether a request in `state` is still being worked on (Open311 `open`; core's `State::is_open`). */
export function isOpen(state: RequestState): boolean {
  return state === 'received' || state === 'checking' || state === 'in_progress' || state === 'forwarded';
}

/** An empty list filter for `scope`. */
export function emptyFilter(scope: Scope): ListFilter {
  return {
    scope,
    state: null,
    openOnly: false,
    category: null,
    area: null,
    from: null,
    to: null,
    text: null,
    limit: null,
  };
}

/** `request_categories`: the categories (inactive ones too with `includeInactive`, for the settings). */
export function listRequestCategories(includeInactive = false): Promise<Category[]> {
  return call<Category[]>('request_categories', { includeInactive });
}

/** `request_save_category`: creates (`id: null`) or changes a category; resolves with every category. */
export function saveRequestCategory(input: CategoryInput): Promise<Category[]> {
  return call<Category[]>('request_save_category', { input });
}

/**
 * `request_intake`: takes a request and prints its acknowledgement slip. Resolves with the request even when
 * the slip did not print (`print.status === 'failed'` or `printError`); rejects only when nothing was taken.
 */
export function intakeRequest(input: IntakeInput): Promise<IntakeResult> {
  return call<IntakeResult>('request_intake', { input });
}

/** `request_list`: the requests matching `filter` this user may see, newest first. */
export function listRequests(filter: ListFilter): Promise<RequestListItem[]> {
  return call<RequestListItem[]>('request_list', { filter });
}

/** `request_counts`: the counts on the area's tabs. */
export function getRequestCounts(): Promise<RequestCounts> {
  return call<RequestCounts>('request_counts');
}

/** `request_get`: one request by id or tracking code (`notFound` when it does not exist or is not for this user). */
export function getRequest(id: string): Promise<RequestDetail> {
  return call<RequestDetail>('request_get', { id });
}

/** `request_change_state`: moves a request (with the note the citizen reads; the original for a duplicate). */
export function changeRequestState(
  id: string,
  to: RequestState,
  note: string,
  duplicateOf: string | null,
): Promise<RequestDetail> {
  return call<RequestDetail>('request_change_state', { id, to, note, duplicateOf });
}

/** `request_assign`: routes a request to a division (code) and a person (user id). */
export function assignRequest(
  id: string,
  department: string | null,
  assigneeId: string | null,
): Promise<RequestDetail> {
  return call<RequestDetail>('request_assign', { id, department, assigneeId });
}

/** `request_add_note`: a public note (the citizen reads it) or an internal one. */
export function addRequestNote(id: string, note: string, isPublic: boolean): Promise<RequestDetail> {
  return call<RequestDetail>('request_add_note', { id, note, public: isPublic });
}

/** `request_add_attachment`: a photo or document (`completion`: proof of the work done). */
export function addRequestAttachment(id: string, file: AttachmentInput, completion: boolean): Promise<RequestDetail> {
  return call<RequestDetail>('request_add_attachment', { id, file, completion });
}

/** `request_rate`: the citizen's satisfaction (1–5) with a request closed as done. */
export function rateRequest(id: string, score: number): Promise<RequestDetail> {
  return call<RequestDetail>('request_rate', { id, score });
}

/** `request_callbacks`: the call-backs waiting, oldest first. */
export function listCallbacks(): Promise<CallBack[]> {
  return call<CallBack[]>('request_callbacks');
}

/** `request_mark_called`: a call-back made, with what happened; resolves with the list as it is now. */
export function markCalled(id: string, outcome: string): Promise<CallBack[]> {
  return call<CallBack[]>('request_mark_called', { id, outcome });
}

/** `request_staff`: the staff requests may be assigned to, with their divisions. */
export function listRequestStaff(): Promise<StaffOption[]> {
  return call<StaffOption[]>('request_staff');
}

/** `request_attachment`: one attachment's content (base64) and its type as core read it. */
export function getRequestAttachment(id: string): Promise<AttachmentData> {
  return call<AttachmentData>('request_attachment', { id });
}

/** `user_set_department`: puts a user in a division, or none (administrators). */
export function setUserDepartment(userId: string, departmentCode: string | null): Promise<null> {
  return call<null>('user_set_department', { userId, departmentCode });
}
