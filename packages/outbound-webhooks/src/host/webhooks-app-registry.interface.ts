/** A third-party integration known to the host. */
export interface WebhooksApp {
  uuid: string;
  name: string;
}

/** Implemented by the host: which apps exist and where they are installed. */
export interface WebhooksAppRegistry {
  /** The app, or `null` when no such app exists (a 404). */
  findApp(appUuid: string): Promise<WebhooksApp | null>;
  /** Whether the company has installed the app (a 400 when not). */
  isInstalled(appUuid: string, companyUuid: string): Promise<boolean>;
}
