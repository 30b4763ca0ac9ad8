/**
 * GitHub hands out App private keys as PKCS#1 (`BEGIN RSA PRIVATE KEY`); WebCrypto imports only
 * PKCS#8. Wrapping the PKCS#1 DER in a PrivateKeyInfo envelope converts it without a library.
 */
export function privateKeyToPkcs8(pem: string): Uint8Array<ArrayBuffer> {
  const text = pem.replaceAll("\\n", "\n").trim();
  const match = /-----BEGIN ([A-Z ]+)-----([\s\S]+?)-----END \1-----/.exec(text);
  if (!match) throw new Error("fixforward: GITHUB_APP_PRIVATE_KEY is not a PEM private key (expected -----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)");
  const der = base64ToBytes(match[2]!);
  if (match[1] === "PRIVATE KEY") return der;
  if (match[1] !== "RSA PRIVATE KEY") throw new Error(`fixforward: GITHUB_APP_PRIVATE_KEY is a ${match[1]}, expected an RSA private key`);
  // PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm SEQUENCE { rsaEncryption OID, NULL }, privateKey OCTET STRING }
  const version = [0x02, 0x01, 0x00];
  const rsaAlgorithm = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
  const octetString = [0x04, ...derLength(der.length)];
  const bodyLength = version.length + rsaAlgorithm.length + octetString.length + der.length;
  const out = new Uint8Array(new ArrayBuffer(1 + derLength(bodyLength).length + bodyLength));
  const head = [0x30, ...derLength(bodyLength), ...version, ...rsaAlgorithm, ...octetString];
  out.set(head, 0);
  out.set(der, head.length);
  return out;
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>>= 8) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64.replace(/\s/g, ""));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
