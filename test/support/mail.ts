// Mail in tests: a real SMTP server in-process (smtp-server), a throwaway TLS certificate, and link lookups.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { TestApp } from './testApp';
import { makeTempDir } from './testDatabase';

export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  raw: string;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Credentials the server saw, to prove they were sent only inside TLS. */
  logins: { username?: string; secure: boolean }[];
  close(): Promise<void>;
}

export interface Certificate {
  key: string;
  cert: string;
  /** The certificate as a PEM file, for SMTP_CA_FILE. */
  caFile: string;
}

/** A self-signed certificate for localhost and 127.0.0.1, made with the system's openssl. */
export function makeCertificate(): Certificate {
  const dir = makeTempDir('rampart-cert-');
  const keyFile = path.join(dir, 'key.pem');
  const caFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', caFile, '-days', '1'].concat([
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ]),
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(caFile, 'utf8'), caFile };
}

export async function startSmtpServer(options: SMTPServerOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const logins: TestSmtpServer['logins'] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    onAuth(auth, session, callback) {
      logins.push({ username: auth.username, secure: session.secure });
      if (auth.username === 'mailer' && auth.password === 'mail-password') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { port, received, logins, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The link of the latest mail of this kind the app wrote to its outbox log, once deliveries settled. */
export async function linkFromLog(ctx: TestApp, event: string, to: string): Promise<string> {
  await ctx.mailer.settled();
  const line = ctx.logs.filter((entry) => entry.event === event && entry.to === to).at(-1);
  if (typeof line?.link !== 'string') throw new Error(`no ${event} mail to ${to} in the log`);
  return line.link;
}

export async function tokenFromLog(ctx: TestApp, event: string, to: string): Promise<string> {
  return new URL(await linkFromLog(ctx, event, to)).searchParams.get('token') ?? '';
}

/** The text of a raw message with its quoted-printable soft breaks and escapes undone, for searching. */
export function readableMail(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
