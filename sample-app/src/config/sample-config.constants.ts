/** Injection token of the parsed `SampleConfig`. */
export const SAMPLE_CONFIG = Symbol('SAMPLE_CONFIG');

/** The database used when `DATABASE_URL` is not set. */
export const DEFAULT_DATABASE_URL = 'sqlite:sample-app/data/sample.sqlite';

/** The port used when `PORT` is not set. */
export const DEFAULT_PORT = 3000;

/** The address listened on when `HOST` is not set: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';
