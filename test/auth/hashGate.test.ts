// Checklist: a sign-in flood cannot take every core: bcrypt calls are bounded, and beyond the queue the answer is 503.
import { createHashGate, createPasswordVerifier, hashPassword } from '../../src/auth/passwords';
import { Problem } from '../../src/http/errors';

/** Work that finishes only when the test says so, counting how many run at once. */
function blockedWork() {
  let running = 0;
  let peak = 0;
  const releases: (() => void)[] = [];
  const work = () =>
    new Promise<boolean>((resolve) => {
      running += 1;
      peak = Math.max(peak, running);
      releases.push(() => {
        running -= 1;
        resolve(true);
      });
    });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { work, releases, peak: () => peak, settle };
}

describe('hash gate', () => {
  it('runs at most `slots` hashes at once and every queued one in turn', async () => {
    const gate = createHashGate(2, 10);
    const blocked = blockedWork();
    const all = Promise.all(Array.from({ length: 6 }, () => gate(blocked.work)));
    for (let done = 0; done < 6; done += 1) {
      await blocked.settle();
      blocked.releases.shift()?.();
    }
    expect(await all).toEqual(Array(6).fill(true));
    expect(blocked.peak()).toBe(2);
  });

  it('answers 503 with Retry-After once the queue is full, without running the hash', async () => {
    const gate = createHashGate(1, 1);
    const blocked = blockedWork();
    const first = gate(blocked.work);
    const queued = gate(blocked.work);
    const refused = gate(blocked.work);
    await expect(refused).rejects.toMatchObject({
      status: 503,
      code: 'HASHING_BUSY',
      headers: { 'Retry-After': '1' },
    });
    await expect(refused).rejects.toBeInstanceOf(Problem);
    await blocked.settle();
    blocked.releases.shift()?.();
    await blocked.settle();
    blocked.releases.shift()?.();
    await expect(Promise.all([first, queued])).resolves.toEqual([true, true]);
    expect(blocked.peak()).toBe(1);
  });

  it('frees the slot when a hash fails', async () => {
    const gate = createHashGate(1, 0);
    await expect(gate(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('sends sign-in comparisons and password hashing through the gate', async () => {
    const gate = createHashGate(1, 0);
    const blocked = blockedWork();
    const holding = gate(blocked.work);
    const verifier = createPasswordVerifier(4, () => Promise.resolve(true), gate);
    await expect(verifier.verify('a password', '$2b$04$abcdefghijklmnopqrstuv')).rejects.toMatchObject({ status: 503 });
    await expect(hashPassword('a password', 4, gate)).rejects.toMatchObject({ status: 503 });
    await blocked.settle();
    blocked.releases.shift()?.();
    await holding;
    await expect(verifier.verify('a password', '$2b$04$abcdefghijklmnopqrstuv')).resolves.toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p slots, which would hash nothing or everything', (slots) => {
    expect(() => createHashGate(slots, 1)).toThrow(new TypeError(`slots must be a positive integer, got ${slots}`));
  });

  it('never hashes a password bcrypt would truncate: over 72 bytes is a bug of the caller, not a silent cut', async () => {
    const gate = createHashGate(1, 0);
    await expect(hashPassword('é'.repeat(37), 4, gate)).rejects.toThrow(
      new Error('password exceeds bcrypt input length'),
    );
    await expect(hashPassword('é'.repeat(36), 4, gate)).resolves.toMatch(/^\$2b\$04\$/);
  });
});
