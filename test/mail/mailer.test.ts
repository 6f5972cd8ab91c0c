// Checklist: account mail goes to the dev outbox, or over SMTP with TLS; a failing server never reaches the client.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { signUp, uniqueEmail } from '../support/factories';
import { makeCertificate, readableMail, startSmtpServer, type Certificate, type TestSmtpServer } from '../support/mail';
import { freePort } from '../support/testDatabase';
import { TEST_APP_URL, createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
let certificate: Certificate;
beforeAll(async () => {
  ctx = await createTestApp();
  certificate = makeCertificate();
});
afterAll(() => ctx.close());

const forgot = (app: TestApp, email: string) => request(app.app).post('/api/auth/password/forgot').send({ email });

describe('mail: development outbox', () => {
  it('writes the verification mail of a signup to DATA_DIR/outbox and logs its link at info', async () => {
    const alice = await signUp(ctx.app);
    await ctx.mailer.settled();
    const line = ctx.logs.find((entry) => entry.event === 'mail.verify_email' && entry.to === alice.user.email);
    expect(line).toMatchObject({ level: 'info', msg: 'mail written to the outbox' });
    const link = String(line?.link);
    expect(link).toMatch(new RegExp(`^${TEST_APP_URL}/verify-email\\?token=[A-Za-z0-9_-]{43}$`));

    const outbox = path.join(ctx.config.dev.dataDir, 'outbox');
    const file = String(line?.file);
    expect(path.dirname(file)).toBe(outbox);
    expect(readdirSync(outbox)).toContain(path.basename(file));
    const eml = readableMail(readFileSync(file, 'utf8'));
    expect(eml).toMatch(new RegExp(`^To: ${alice.user.email}$`, 'm'));
    expect(eml).toMatch(/^Subject: Confirm your email for Rampart$/m);
    expect(eml).toMatch(/^Content-Type: multipart\/alternative/m);
    expect(eml).toContain(link);

    // The token appears in that one log line and nowhere else in the log.
    const token = new URL(link).searchParams.get('token') as string;
    expect(ctx.rawLogs.filter((raw) => raw.includes(token))).toHaveLength(1);
  });

  it('uses APP_NAME and the configured link path', async () => {
    const branded = await createTestApp({ APP_NAME: 'Acme <Tasks>', VERIFY_EMAIL_PATH: '/account/verify' });
    try {
      const bob = await signUp(branded.app);
      await branded.mailer.settled();
      const line = branded.logs.find((entry) => entry.event === 'mail.verify_email');
      expect(String(line?.link)).toMatch(new RegExp(`^${TEST_APP_URL}/account/verify\\?token=`));
      const eml = readableMail(readFileSync(String(line?.file), 'utf8'));
      expect(eml).toContain('Subject: Confirm your email for Acme <Tasks>');
      // The HTML body escapes the product name.
      expect(eml).toContain('Acme &lt;Tasks&gt;');
      expect(eml).toContain(bob.user.email);
    } finally {
      await branded.close();
    }
  });
});

describe('mail: SMTP', () => {
  let server: TestSmtpServer;
  afterEach(() => server?.close());

  async function smtpApp(url: string, extra: Record<string, string> = {}) {
    return createTestApp({ SMTP_URL: url, ...extra }, { db: ctx.db });
  }

  it('delivers over STARTTLS to a server whose certificate SMTP_CA_FILE trusts, logging no link', async () => {
    server = await startSmtpServer({ key: certificate.key, cert: certificate.cert });
    const app = await smtpApp(`smtp://mailer:mail-password@localhost:${server.port}`, {
      SMTP_CA_FILE: certificate.caFile,
    });
    try {
      const alice = await signUp(ctx.app);
      const res = await forgot(app, alice.user.email);
      expect(res.status).toBe(202);
      await app.mailer.settled();

      expect(server.received).toHaveLength(1);
      const [mail] = server.received;
      expect(mail?.to).toEqual([alice.user.email]);
      expect(mail?.from).toBe('no-reply@example.test');
      expect(mail?.raw).toContain('Subject: Reset your Rampart password');
      expect(readableMail(mail?.raw ?? '')).toMatch(
        new RegExp(`${TEST_APP_URL}/reset-password\\?token=[A-Za-z0-9_-]{43}`),
      );
      // Credentials crossed the wire only inside TLS.
      expect(server.logins).toEqual([{ username: 'mailer', secure: true }]);

      const sent = app.logs.find((entry) => entry.event === 'mail.password_reset');
      expect(sent).toMatchObject({ level: 'info', msg: 'mail sent', to: alice.user.email });
      expect(sent).not.toHaveProperty('link');
      expect(app.rawLogs.join('\n')).not.toMatch(/token=/);
    } finally {
      await app.close();
    }
  });

  it('delivers over implicit TLS (smtps://)', async () => {
    server = await startSmtpServer({ secure: true, key: certificate.key, cert: certificate.cert });
    const app = await smtpApp(`smtps://mailer:mail-password@localhost:${server.port}`, {
      SMTP_CA_FILE: certificate.caFile,
    });
    try {
      const alice = await signUp(ctx.app);
      expect((await forgot(app, alice.user.email)).status).toBe(202);
      await app.mailer.settled();
      expect(server.received.map((mail) => mail.to)).toEqual([[alice.user.email]]);
    } finally {
      await app.close();
    }
  });

  it('refuses a server whose certificate is not trusted: nothing sent, failure logged, same 202', async () => {
    server = await startSmtpServer({ key: certificate.key, cert: certificate.cert });
    const app = await smtpApp(`smtp://mailer:mail-password@localhost:${server.port}`);
    try {
      const alice = await signUp(ctx.app);
      const res = await forgot(app, alice.user.email);
      expect(res.status).toBe(202);
      await app.mailer.settled();
      expect(server.received).toHaveLength(0);
      expect(server.logins).toHaveLength(0);
      const failed = app.logs.find((entry) => entry.event === 'mail.failed');
      expect(failed).toMatchObject({ level: 'error', mail: 'mail.password_reset', to: alice.user.email });
      expect(String(failed?.reason)).toMatch(/certificate/i);
    } finally {
      await app.close();
    }
  });

  it('refuses a server that offers no TLS at all, rather than send credentials and links in clear', async () => {
    server = await startSmtpServer({ disabledCommands: ['STARTTLS'] });
    const app = await smtpApp(`smtp://mailer:mail-password@localhost:${server.port}`);
    try {
      const alice = await signUp(ctx.app);
      expect((await forgot(app, alice.user.email)).status).toBe(202);
      await app.mailer.settled();
      expect(server.received).toHaveLength(0);
      expect(server.logins).toHaveLength(0);
      expect(app.logs.some((entry) => entry.event === 'mail.failed')).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('answers a server that is down exactly as usual, logs the failure and leaks nothing', async () => {
    const app = await smtpApp(`smtp://mailer:mail-password@127.0.0.1:${await freePort()}`);
    try {
      const alice = await signUp(ctx.app);
      const known = await forgot(app, alice.user.email);
      const unknown = await forgot(app, uniqueEmail('nobody'));
      expect(known.status).toBe(202);
      expect(known.body).toEqual(unknown.body);
      expect(JSON.stringify(known.body)).not.toMatch(/ECONNREFUSED|smtp|mail-password/i);
      await app.mailer.settled();
      const failed = app.logs.find((entry) => entry.event === 'mail.failed');
      expect(String(failed?.reason)).toMatch(/ECONNREFUSED/);
      expect(app.rawLogs.join('\n')).not.toContain('mail-password');
    } finally {
      await app.close();
    }
  });
});
