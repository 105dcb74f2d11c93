// A local stand-in for the AWS console host, for the demo: an HTTPS server with a self-signed certificate
// (made by openssl) that serves one fixture page. Browsers reach it at a real console URL through host mapping
// (Chromium: --host-resolver-rules; Firefox: network.dns.localDomains + network.socket.forcePort and a certificate
// override in the profile), so the content script's match patterns apply exactly as on the real console.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Makes a self-signed certificate for the given host names; returns PEM key and cert and the SHA-256 fingerprint. */
export function selfSignedCertificate(hosts) {
  const dir = mkdtempSync(join(tmpdir(), 'wd-demo-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const san = hosts.map((h) => `DNS:${h}`).join(',');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
      '-subj', '/CN=why-denied demo console', '-addext', `subjectAltName=${san}`], { stdio: 'pipe' });
    const fingerprint = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' })
      .trim().replace(/^.*=/, '');
    return { key: readFileSync(key), cert: readFileSync(cert), fingerprint };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Serves `html` on every Billing / Cost Management console path of the given hosts, over HTTPS on 127.0.0.1.
 * @param {{ html: string, hosts: string[] }} options
 */
export async function startDemoConsole({ html, hosts }) {
  const tls = selfSignedCertificate(hosts);
  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    if (req.method === 'GET' && /^\/(billing|costmanagement|cost-management)\//.test(path)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('The why-denied demo serves only the billing console page.\n');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    port,
    fingerprint: tls.fingerprint,
    /** Chromium: send these console hosts to the local server. */
    chromiumArgs: [`--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(',')}`, '--ignore-certificate-errors'],
    /** Firefox: resolve the hosts locally and send :443 to the server. */
    firefoxPrefs: { 'network.dns.localDomains': hosts.join(','), 'network.socket.forcePort': `443=${port}` },
    /** Firefox: a profile folder that trusts this certificate for these hosts (cert_override.txt, keyed by the real port). */
    writeFirefoxProfile() {
      const profile = mkdtempSync(join(tmpdir(), 'wd-demo-firefox-'));
      const lines = hosts.map((h) => `${h}:${port}:\tOID.2.16.840.1.101.3.4.2.1\t${tls.fingerprint}\t`);
      writeFileSync(join(profile, 'cert_override.txt'), ['# PSM Certificate Override Settings file', '# This is a generated file!  Do not edit.', ...lines, ''].join('\n'));
      return profile;
    },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve(undefined)); }),
  };
}
