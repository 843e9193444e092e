import { SEED } from '../../../sample-app/src/seed/seed-data';

/** `Authorization` headers of the seeded users. */
export const ACME = { Authorization: `Bearer ${SEED.users.acmeAdmin.token}` };
export const GLOBEX = {
  Authorization: `Bearer ${SEED.users.globexAdmin.token}`,
};
export const MULTI = {
  Authorization: `Bearer ${SEED.users.multiCompany.token}`,
};
export const ACME_UUID = SEED.companies.acme.uuid;
export const GLOBEX_UUID = SEED.companies.globex.uuid;
