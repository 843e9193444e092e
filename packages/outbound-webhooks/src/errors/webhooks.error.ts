/**
 * Base class of every error the module throws on purpose. Controllers turn
 * these into the error envelope; anything else is an internal error.
 */
export class WebhooksError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
