// Outgoing mail: SMTP (nodemailer) when SMTP_URL is set, else .eml files in DATA_DIR/outbox for development.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config';
import type { Logger } from '../logger';

export interface Mail {
  /** What the mail is for, as logged: `mail.password_reset`, `mail.verify_email`, ... */
  event: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The link it carries; written to the log only in outbox mode, where no one else can read the mail. */
  link?: string;
}

export interface Mailer {
  /** Queues a mail and returns at once; a failure is logged, never reported to the requester. */
  send(mail: Mail): void;
  /** Resolves when every queued mail has been delivered or has failed. */
  settled(): Promise<void>;
}

/** Seconds to wait for a connection, a greeting and each reply before giving up on an SMTP server. */
const SMTP_TIMEOUT_MS = 10_000;

async function smtpTransport(settings: Config['mail']): Promise<Transporter> {
  const ca = settings.smtpCaFile ? await readFile(settings.smtpCaFile, 'utf8') : undefined;
  return nodemailer.createTransport({
    url: settings.smtpUrl,
    // STARTTLS is required on smtp:// too: credentials and links never cross the network in clear.
    requireTLS: true,
    tls: { minVersion: 'TLSv1.2', ...(ca ? { ca } : {}) },
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
}

export function createMailer(settings: Config['mail'], logger: Logger): Mailer {
  const pending = new Set<Promise<void>>();
  const outbox = !settings.smtpUrl;
  let transport: Promise<Transporter> | undefined;
  const getTransport = () =>
    (transport ??= outbox
      ? Promise.resolve(nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }))
      : smtpTransport(settings));

  async function deliver(mail: Mail): Promise<void> {
    const message = { from: settings.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html };
    const info = await (await getTransport()).sendMail(message);
    if (!outbox) {
      logger.info({ event: mail.event, to: mail.to, messageId: info.messageId }, 'mail sent');
      return;
    }
    await mkdir(settings.outboxDir, { recursive: true });
    const file = path.join(
      settings.outboxDir,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.eml`,
    );
    await writeFile(file, (info as unknown as { message: Buffer }).message, { mode: 0o600 });
    logger.info({ event: mail.event, to: mail.to, file, link: mail.link }, 'mail written to the outbox');
  }

  return {
    send(mail) {
      const delivery = deliver(mail)
        .catch((err: unknown) => {
          const reason = err instanceof Error ? err.message : String(err);
          logger.error({ event: 'mail.failed', mail: mail.event, to: mail.to, reason }, 'mail not sent');
        })
        .finally(() => pending.delete(delivery));
      pending.add(delivery);
    },
    async settled() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}
