/** The office: first-start setup (demo or real) and its configuration. */
import type { AppStatus } from '../generated/AppStatus';
import type { OfficeOverview } from '../generated/OfficeOverview';
import type { OfficeSetup } from '../generated/OfficeSetup';
import { call } from './call';

export type { OfficeOverview, OfficeSetup };

/** `create_demo_office`: fills an empty database with the demo office; returns the new status. */
export function createDemoOffice(): Promise<AppStatus> {
  return call<AppStatus>('create_demo_office');
}

/** `setup_office`: creates the real office, its counters and first admin; returns the new status. */
export function setupOffice(setup: OfficeSetup): Promise<AppStatus> {
  return call<AppStatus>('setup_office', { setup });
}

/** `get_office_overview`: office details, departments with services, counters and users. */
export function getOfficeOverview(): Promise<OfficeOverview> {
  return call<OfficeOverview>('get_office_overview');
}
