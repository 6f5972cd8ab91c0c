// The account mails' subjects and bodies (plain text and HTML), with the product name and links filled in.
import type { Mail } from './mailer';

export interface MailContext {
  appName: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

function describeTtl(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} day${seconds === 86_400 ? '' : 's'}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  return `${Math.round(seconds / 60)} minutes`;
}

function html(paragraphs: string[], link?: { href: string; label: string }): string {
  const body = paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`);
  if (link) body.splice(1, 0, `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`);
  return `<!doctype html><html><body>${body.join('')}</body></html>`;
}

export function passwordResetMail(ctx: MailContext, to: string, link: string, ttlSeconds: number): Mail {
  const intro = `Someone asked to reset the password of your ${ctx.appName} account. Open this link to choose a new one:`;
  const outro = `The link works once and expires in ${describeTtl(ttlSeconds)}. If you did not ask for it, ignore this email: your password stays the same.`;
  return {
    event: 'mail.password_reset',
    to,
    subject: `Reset your ${ctx.appName} password`,
    text: `${intro}\n\n${link}\n\n${outro}\n`,
    html: html([intro, outro], { href: link, label: 'Reset your password' }),
    link,
  };
}

export function verifyEmailMail(ctx: MailContext, to: string, link: string, ttlSeconds: number): Mail {
  const intro = `Confirm that ${to} is your email address for ${ctx.appName}:`;
  const outro = `The link works once and expires in ${describeTtl(ttlSeconds)}. If you did not sign up, ignore this email.`;
  return {
    event: 'mail.verify_email',
    to,
    subject: `Confirm your email for ${ctx.appName}`,
    text: `${intro}\n\n${link}\n\n${outro}\n`,
    html: html([intro, outro], { href: link, label: 'Confirm your email' }),
    link,
  };
}

export function emailChangedMail(ctx: MailContext, to: string, newEmail: string): Mail {
  const text = `The email address of your ${ctx.appName} account was changed from ${to} to ${newEmail}. If you did not do this, reset your password and contact support.`;
  return {
    event: 'mail.email_changed',
    to,
    subject: `Your ${ctx.appName} email address was changed`,
    text: `${text}\n`,
    html: html([text]),
  };
}
