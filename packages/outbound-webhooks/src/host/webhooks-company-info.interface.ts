/** A company's public information, served by `GET /me`. */
export interface WebhooksCompanyInfo {
  uuid: string;
  name: string;
  website?: string | null;
  logo?: string | null;
  primaryColor?: string | null;
  secondaryColor?: string | null;
  /** Epoch milliseconds. */
  updatedAt: number;
  [extra: string]: unknown;
}

/** Implemented by the host: the public information of a company. */
export interface WebhooksCompanyInfoProvider {
  /** The company, or `null` when the host does not know it. */
  getCompany(companyUuid: string): Promise<WebhooksCompanyInfo | null>;
}
