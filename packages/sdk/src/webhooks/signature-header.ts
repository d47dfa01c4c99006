import { Refusal } from './refusal.js';

export const SIGNATURE_HEADER = 'X-OpenTrain-Signature';

/** Headers as a framework hands them over: a fetch `Headers`, or a Node-style record. */
export type HeadersLike = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface ParsedSignature {
  /** Unix seconds. */
  timestamp: number;
  /** Every `v1` entry; several may be present, e.g. while a secret is being rotated. */
  signatures: string[];
}

/** The signature header's value, from either a header collection or the value itself. */
export function signatureHeaderValue(headersOrValue: HeadersLike | string): string | undefined {
  if (typeof headersOrValue === 'string') return headersOrValue;
  if (typeof (headersOrValue as Headers).get === 'function') {
    return (headersOrValue as Headers).get(SIGNATURE_HEADER) ?? undefined;
  }
  const wanted = SIGNATURE_HEADER.toLowerCase();
  for (const [name, value] of Object.entries(headersOrValue)) {
    if (name.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(',');
  }
  return undefined;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** Parses `t=<unix seconds>,v1=<hex>[,v1=<hex>...]`; unknown keys are skipped for forward compatibility. */
export function parseSignatureHeader(value: string | undefined): ParsedSignature {
  if (value === undefined || value.trim() === '') {
    throw new Refusal('missing_header', `The ${SIGNATURE_HEADER} header is missing or empty`);
  }
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of value.split(',')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    const key = part.slice(0, separator).trim();
    const entry = part.slice(separator + 1).trim();
    if (key === 't' && /^\d+$/.test(entry)) timestamp = Number(entry);
    else if (key === 'v1' && HEX_SHA256.test(entry)) signatures.push(entry.toLowerCase());
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new Refusal(
      'malformed_header',
      `The ${SIGNATURE_HEADER} header must look like "t=<unix seconds>,v1=<64 hex characters>"`,
    );
  }
  return { timestamp, signatures };
}
