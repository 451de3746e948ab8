/** Citizens at the counter: search (IDs and phones masked) and an audited reveal of one person's full data. */
import type { CitizenListItem } from '../generated/CitizenListItem';
import type { CitizenPersonal } from '../generated/CitizenPersonal';
import { call } from './call';

export type { CitizenListItem, CitizenPersonal };

/** `search_citizens`: by name, ID or phone; restricted citizens the user may not see are left out. */
export function searchCitizens(query: string): Promise<CitizenListItem[]> {
  return call<CitizenListItem[]>('search_citizens', { query });
}

/** `reveal_citizen`: the full ID (`1-2345-67890-12-1`) and phone; the backend records who read them. */
export function revealCitizen(citizenId: string): Promise<CitizenPersonal> {
  return call<CitizenPersonal>('reveal_citizen', { citizenId });
}
