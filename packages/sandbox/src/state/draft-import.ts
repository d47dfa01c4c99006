import { publicSchemas } from '@opentrain-ai/sdk/schemas';
import { countryCode, experienceLevelIn, labelTypeNames, parseJobDescription } from './draft-parser.js';
import { rateFieldOf, UPDATE_KEYS, type UpdateKey } from './job-fields.js';
import type { JobFields, JobImportFormat, UnmappedInput } from './records/jobs.js';

/**
 * Turns any accepted `POST /job-drafts` body into job fields: plain text goes through the description parser; the
 * structured formats map their own keys first, then the parser fills what their description text adds. Values no
 * field takes are reported in `unmapped`.
 */

export interface DraftImport {
  format: JobImportFormat;
  /** The plain-text description the draft was made from. */
  sourceText: string;
  fields: JobFields;
  lowConfidenceFields: string[];
  unmapped: UnmappedInput[];
  warnings: string[];
  externalId: string | null;
  idempotencyKey: string | null;
}

type JsonObject = Record<string, unknown>;

/** The body names a format but not its payload, or the payload cannot be read; `field` names the culprit. */
export class DraftImportError extends Error {
  override name = 'DraftImportError';

  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

interface Mapped {
  fields: JobFields;
  unmapped: UnmappedInput[];
}

export function importDraft(body: JsonObject): DraftImport {
  const source = isObject(body.source) ? body.source : undefined;
  const format = (source?.type ?? body.format ?? 'text') as JobImportFormat;
  const payload = (key: string) => source?.[key] ?? body[key];
  const prefix = source ? 'source.' : '';

  let mapped: Mapped;
  switch (format) {
    case 'text':
      mapped = { fields: {}, unmapped: [] };
      break;
    case 'opentrain_canonical':
      mapped = mapCanonical(requireObject(payload('job'), `${prefix}job`, format), `${prefix}job`);
      break;
    case 'schema_org_job_posting':
      mapped = mapSchemaOrg(requireObject(payload('jsonLd'), `${prefix}jsonLd`, format), `${prefix}jsonLd`);
      break;
    case 'indeed_xml':
    case 'hr_xml':
      mapped = mapXml(requireString(payload('xml'), `${prefix}xml`, format), `${prefix}xml`);
      break;
  }

  const sourceText = format === 'text' ? textOf(body, source) : (mapped.fields.jobDescription ?? '');
  const parsed = parseJobDescription(sourceText);
  const fields: JobFields = { ...parsed.fields, ...mapped.fields };
  const lowConfidenceFields = parsed.lowConfidenceFields.filter((key) => !(key in mapped.fields));

  return {
    format,
    sourceText,
    fields,
    lowConfidenceFields,
    unmapped: mapped.unmapped,
    warnings: fields.paymentType ? [] : parsed.warnings,
    externalId: stringOrNull(body.externalId ?? source?.externalId),
    idempotencyKey: stringOrNull(body.idempotencyKey ?? source?.idempotencyKey),
  };
}

function textOf(body: JsonObject, source: JsonObject | undefined): string {
  const text = body.rawJobDescription ?? body.jobDescription ?? source?.text;
  if (typeof text !== 'string' || text.trim() === '') {
    const field = source ? 'source.text' : 'rawJobDescription';
    throw new DraftImportError(`A text draft needs the description: send ${field}.`, field);
  }
  return text;
}

// opentrain_canonical -------------------------------------------------------------------------------------------

function mapCanonical(job: JsonObject, path: string): Mapped {
  const fields: JobFields = {};
  const unmapped: UnmappedInput[] = [];
  for (const [key, value] of Object.entries(job)) {
    if (value === undefined || value === null) continue;
    switch (key) {
      case 'title':
        setField(fields, unmapped, 'jobTitle', value, `${path}.title`);
        break;
      case 'description':
        setField(fields, unmapped, 'jobDescription', value, `${path}.description`);
        break;
      case 'tools':
        if (Array.isArray(value) && value.length > 0) fields.labelingSoftware = value.map(String).join(', ');
        break;
      case 'rateAmount':
        // Mapped after the loop, once paymentType says which rate it is.
        break;
      case 'countries':
        setField(fields, unmapped, 'countries', normaliseCountries(value), `${path}.countries`);
        break;
      default:
        if (isUpdateKey(key)) setField(fields, unmapped, key, value, `${path}.${key}`);
        else unmapped.push(unmappedValue(`${path}.${key}`, 'No matching job field.', value));
    }
  }
  if (job.rateAmount !== undefined && job.rateAmount !== null) {
    const rateField = rateFieldOf(fields.paymentType);
    if (rateField) setField(fields, unmapped, rateField, job.rateAmount, `${path}.rateAmount`);
    else
      unmapped.push(
        unmappedValue(`${path}.rateAmount`, 'rateAmount needs paymentType to know which rate it is.', job.rateAmount),
      );
  }
  return { fields, unmapped };
}

// schema_org_job_posting ----------------------------------------------------------------------------------------

const IGNORED_JSON_LD_KEYS = new Set(['@context', '@type', '@id']);

function mapSchemaOrg(posting: JsonObject, path: string): Mapped {
  const fields: JobFields = {};
  const unmapped: UnmappedInput[] = [];
  for (const [key, value] of Object.entries(posting)) {
    if (IGNORED_JSON_LD_KEYS.has(key) || value === undefined || value === null) continue;
    const at = `${path}.${key}`;
    switch (key) {
      case 'title':
        setField(fields, unmapped, 'jobTitle', value, at);
        break;
      case 'description':
        setField(fields, unmapped, 'jobDescription', typeof value === 'string' ? htmlToText(value) : value, at);
        break;
      case 'totalJobOpenings':
        setField(fields, unmapped, 'headcount', value, at);
        break;
      case 'baseSalary':
      case 'estimatedSalary':
        mapSalary(fields, unmapped, value, at);
        break;
      case 'applicantLocationRequirements':
      case 'jobLocation': {
        const countries = collectCountries(value)
          .map(countryCode)
          .filter((code) => code !== undefined);
        if (countries.length > 0) fields.countries = [...new Set(countries)];
        else unmapped.push(unmappedValue(at, 'No country could be read from it.', value));
        break;
      }
      case 'experienceRequirements': {
        const level = experienceLevelIn(typeof value === 'string' ? value : JSON.stringify(value));
        if (level) fields.experienceLevel = level;
        else unmapped.push(unmappedValue(at, 'No experience level could be read from it.', value));
        break;
      }
      case 'skills': {
        const names = labelTypeNames(Array.isArray(value) ? value.join(', ') : String(value));
        if (names.length > 0) fields.labelTypes = names;
        else unmapped.push(unmappedValue(at, 'No label type could be read from it.', value));
        break;
      }
      case 'employmentType':
        unmapped.push(unmappedValue(at, 'Every OpenTrain job is contract work; the value is not stored.', value));
        break;
      default:
        unmapped.push(unmappedValue(at, 'No matching job field.', value));
    }
  }
  return { fields, unmapped };
}

/** A schema.org MonetaryAmount: only US-dollar hourly amounts map to a rate. */
function mapSalary(fields: JobFields, unmapped: UnmappedInput[], salary: unknown, at: string): void {
  const amount = isObject(salary) ? salary : {};
  const inner = isObject(amount.value) ? amount.value : amount;
  const value = typeof amount.value === 'number' ? amount.value : (inner.value ?? inner.minValue);
  const unit = String(inner.unitText ?? amount.unitText ?? '').toUpperCase();
  const currency = String(amount.currency ?? 'USD').toUpperCase();
  if (typeof value === 'number' && value > 0 && unit === 'HOUR' && currency === 'USD') {
    fields.paymentType = 'PAY_PER_HOUR';
    fields.pricePerHour = value;
    return;
  }
  unmapped.push(unmappedValue(at, 'Only an hourly amount in USD maps to a pay rate.', salary));
}

function collectCountries(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(collectCountries);
  if (!isObject(value)) return [];
  if ('addressCountry' in value) return collectCountries(value.addressCountry);
  return ['address', 'name'].flatMap((key) => (key in value ? collectCountries(value[key]) : []));
}

// indeed_xml / hr_xml -------------------------------------------------------------------------------------------

const XML_FIELDS: Record<string, 'jobTitle' | 'jobDescription' | 'countries' | 'experienceLevel' | 'pay'> = {
  title: 'jobTitle',
  positiontitle: 'jobTitle',
  jobtitle: 'jobTitle',
  description: 'jobDescription',
  jobdescription: 'jobDescription',
  positionformatteddescription: 'jobDescription',
  content: 'jobDescription',
  country: 'countries',
  countrycode: 'countries',
  experience: 'experienceLevel',
  salary: 'pay',
};

function mapXml(xml: string, path: string): Mapped {
  const leaves = xmlLeaves(xml);
  if (leaves.length === 0) {
    throw new DraftImportError(`${path} could not be read as XML: no elements with text were found.`, path);
  }
  const fields: JobFields = {};
  const unmapped: UnmappedInput[] = [];
  for (const leaf of leaves) {
    if (!mapXmlLeaf(fields, leaf))
      unmapped.push(unmappedValue(`${path}.${leaf.path}`, 'No matching job field.', leaf.text));
  }
  return { fields, unmapped };
}

/** Maps one element onto the fields; false when no field takes it (or the field is already set). */
function mapXmlLeaf(fields: JobFields, leaf: XmlLeaf): boolean {
  const target = XML_FIELDS[leaf.name.toLowerCase()];
  if (target === 'jobTitle' && !fields.jobTitle) {
    fields.jobTitle = leaf.text;
    return true;
  }
  if (target === 'jobDescription' && !fields.jobDescription) {
    fields.jobDescription = htmlToText(leaf.text);
    return true;
  }
  if (target === 'countries' && countryCode(leaf.text)) {
    fields.countries = [...new Set([...(fields.countries ?? []), countryCode(leaf.text) ?? ''])];
    return true;
  }
  const level = target === 'experienceLevel' ? experienceLevelIn(leaf.text) : undefined;
  if (level) {
    fields.experienceLevel = level;
    return true;
  }
  const pay = target === 'pay' ? parseJobDescription(leaf.text).fields : {};
  if (pay.paymentType) {
    const { paymentType, pricePerHour, pricePerLabel, fixedPrice } = pay;
    Object.assign(fields, withoutUndefined({ paymentType, pricePerHour, pricePerLabel, fixedPrice }));
    return true;
  }
  return false;
}

interface XmlLeaf {
  name: string;
  /** Element names from the root, joined with dots. */
  path: string;
  text: string;
}

const XML_TOKEN =
  /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>|([^<]+)/g;

/** The elements that hold text and no child elements: enough to map a feed entry, not a general XML parser. */
function xmlLeaves(xml: string): XmlLeaf[] {
  const leaves: XmlLeaf[] = [];
  const stack: { name: string; text: string; hasChildren: boolean }[] = [];
  for (const match of xml.matchAll(XML_TOKEN)) {
    const [, cdata, closing, name, selfClosing, text] = match;
    const current = stack[stack.length - 1];
    if (cdata !== undefined || text !== undefined) {
      if (current) current.text += cdata ?? decodeEntities(text ?? '');
    } else if (name && !selfClosing) {
      if (!closing) {
        if (current) current.hasChildren = true;
        stack.push({ name, text: '', hasChildren: false });
      } else if (current?.name === name) {
        stack.pop();
        const value = current.text.trim();
        if (!current.hasChildren && value) {
          leaves.push({ name, path: [...stack.map((element) => element.name), name].join('.'), text: value });
        }
      }
    }
  }
  return leaves;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1]?.toLowerCase() === 'x' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/** Plain text of an HTML description: paragraph and line breaks kept, tags dropped. */
function htmlToText(html: string): string {
  const text = html
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(?:p|div|li|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

// Shared --------------------------------------------------------------------------------------------------------

const UPDATE_KEY_SET: ReadonlySet<string> = new Set(UPDATE_KEYS);
const isUpdateKey = (key: string): key is UpdateKey => UPDATE_KEY_SET.has(key);

/** Sets a field when the value has the type the draft update accepts for it; otherwise reports it as unmapped. */
function setField(fields: JobFields, unmapped: UnmappedInput[], key: UpdateKey, value: unknown, at: string): void {
  const schema = publicSchemas.zJobDraftFields.shape[key];
  const result = schema.safeParse(value);
  if (result.success && result.data !== undefined) {
    (fields as Record<string, unknown>)[key] = result.data;
    return;
  }
  unmapped.push(unmappedValue(at, `Not a valid ${key}: ${result.error?.issues[0]?.message ?? 'no value'}.`, value));
}

function normaliseCountries(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return [...new Set(value.map((item) => (typeof item === 'string' ? (countryCode(item) ?? item) : item)))];
}

function unmappedValue(path: string, reason: string, value: unknown): UnmappedInput {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { path, reason, valuePreview: text.length > 80 ? `${text.slice(0, 77)}...` : text };
}

function requireObject(value: unknown, field: string, format: string): JsonObject {
  if (isObject(value)) return value;
  throw new DraftImportError(`The ${format} format needs ${field} (an object).`, field);
}

function requireString(value: unknown, field: string, format: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new DraftImportError(`The ${format} format needs ${field} (the feed XML as a string).`, field);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const stringOrNull = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
