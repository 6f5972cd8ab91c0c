// What the infrastructure expects of the API image; a test holds the Dockerfile and package.json to the same values.

/** The port the app listens on (PORT). */
export const APP_PORT = 8000;
/** Liveness endpoint that does not touch the database, so a slow database does not cycle healthy tasks. */
export const HEALTH_CHECK_PATH = '/api/health';
/** The Dockerfile's USER; numeric so "not root" holds without reading /etc/passwd. */
export const CONTAINER_USER = '1000:1000';
/** The only writable path of the read-only root filesystem: a task volume the Dockerfile declares and hands to the app user. */
export const SCRATCH_PATH = '/tmp';
/** Seconds ECS waits after SIGTERM before SIGKILL: above the app's SHUTDOWN_TIMEOUT_MS. */
export const STOP_TIMEOUT_SECONDS = 30;
export const SHUTDOWN_TIMEOUT_MS = 25_000;
/** The command behind `npm run db:migrate`, run without npm so signals and exit codes pass straight through. */
export const MIGRATE_COMMAND = ['node', 'dist/db/migrateCli.js'];
/** Amazon's RDS CA bundle, baked into the image so the app can verify the database certificate (sslmode=verify-full). */
export const RDS_CA_BUNDLE_PATH = '/app/certs/rds-global-bundle.pem';
