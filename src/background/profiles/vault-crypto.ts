// The vault's cryptography, WebCrypto only (service worker, pages and Node 20 all have crypto.subtle).
// A passphrase becomes an AES-256-GCM key through PBKDF2-SHA-256 with a random salt; a sealed verifier tells a
// wrong passphrase from a right one (GCM's tag check fails). Each sealed value is bound to what it is (the AAD),
// so a sealed secret copied onto another profile does not open.

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256; the floor is 310,000. */
export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PBKDF2_ITERATIONS = 310_000;
/** Bounded above too: a header altered to ask for billions of iterations would hang every unlock. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const VERIFIER_TEXT = 'why-denied vault verifier v1';
const VERIFIER_AAD = 'why-denied:verifier';

/** JSON-safe (storage areas keep JSON values only). */
export interface Sealed {
  iv: string;
  data: string;
}

export interface VaultHeader {
  version: 1;
  salt: string;
  iterations: number;
  verifier: Sealed;
}

export class WrongPassphraseError extends Error {
  override name = 'WrongPassphraseError';
  constructor() {
    super('Wrong passphrase.');
  }
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** 32 key bytes from a passphrase. They are what storage.session keeps while the vault is unlocked. */
export async function deriveKeyBytes(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!Number.isSafeInteger(iterations) || iterations < MIN_PBKDF2_ITERATIONS || iterations > MAX_PBKDF2_ITERATIONS)
    throw new Error(`The vault asks for ${iterations} PBKDF2 iterations; between ${MIN_PBKDF2_ITERATIONS} and ${MAX_PBKDF2_ITERATIONS} are accepted.`);
  const material = await crypto.subtle.importKey('raw', utf8.encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256);
  return new Uint8Array(bits);
}

export function importVaultKey(bytes: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

export async function seal(key: CryptoKey, plaintext: string, aad: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8.encode(aad) }, key, utf8.encode(plaintext));
  return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

/** Throws WrongPassphraseError when the key or the AAD does not match (or the data was altered). */
export async function open(key: CryptoKey, sealed: Sealed, aad: string): Promise<string> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: utf8.encode(aad) },
      key,
      fromBase64(sealed.data),
    );
    return fromUtf8.decode(plain);
  } catch {
    throw new WrongPassphraseError();
  }
}

/** A new vault for a passphrase: the header to store and the key bytes to keep for the session. */
export async function createVault(passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<{ header: VaultHeader; keyBytes: Uint8Array<ArrayBuffer> }> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const keyBytes = await deriveKeyBytes(passphrase, salt, iterations);
  const verifier = await seal(await importVaultKey(keyBytes), VERIFIER_TEXT, VERIFIER_AAD);
  return { header: { version: 1, salt: toBase64(salt), iterations, verifier }, keyBytes };
}

/** The key bytes when the passphrase is right; WrongPassphraseError otherwise. */
export async function unlockVault(header: VaultHeader, passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
  const keyBytes = await deriveKeyBytes(passphrase, fromBase64(header.salt), header.iterations);
  const text = await open(await importVaultKey(keyBytes), header.verifier, VERIFIER_AAD);
  if (text !== VERIFIER_TEXT) throw new WrongPassphraseError();
  return keyBytes;
}

export const secretAad = (profileId: string) => `why-denied:secret-access-key:${profileId}`;
