import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

// A test helper (openapi.test.ts): holds real answers of the app to the OpenAPI document.

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

type Json = Record<string, unknown>;

/** An object of the document and the pointer to it. */
type Found = [Json, string[]];

/** The parts of an OpenAPI 3.1 document the checker reads; anything else is left alone. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components?: Json;
}

/** One request as it was sent: the path template it was aimed at, and what filled it. */
export interface SentRequest {
  method: string;
  /** The document's path, e.g. `/api/exercises/{id}`. */
  template: string;
  /** Path parameters as the server reads them (decoded). */
  params: Record<string, string>;
  body?: { contentType: string; text: string };
}

const DOCUMENT_ID = 'keyspace:openapi';

// OpenAPI's own fields around the schemas; to Ajv they are unknown keywords to skip.
const OPENAPI_FIELDS =
  'openapi info jsonSchemaDialect servers paths webhooks components security tags externalDocs';

const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;

/**
 * Checks real requests and answers against an OpenAPI document: the operation and status must
 * be documented, the content type and body must match, documented headers must be there. It
 * also holds the document to the server's own checks: a request the document allows must not
 * be refused as bad, and one the server refuses as bad must be one the document forbids.
 */
export class OpenApiChecker {
  /** `GET /api/course` → the statuses seen. */
  readonly seen = new Map<string, Set<number>>();
  private readonly ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });

  constructor(readonly document: OpenApiDocument) {
    this.ajv.addFormat('date-time', DATE_TIME);
    this.ajv.addVocabulary(OPENAPI_FIELDS.split(' '));
    this.ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  }

  /** Every operation of the document, as `METHOD /path`. */
  operations(): string[] {
    return Object.entries(this.document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => method in item).map((method) => operationKey(method, path)),
    );
  }

  /** The statuses the document lists for an operation. */
  statuses(key: string): number[] {
    const [method = '', path = ''] = key.split(' ');
    const operation = this.document.paths[path]?.[method.toLowerCase()] as Json | undefined;
    return Object.keys((operation?.responses as Json | undefined) ?? {}).map(Number);
  }

  /**
   * What keeps the document from being a sound OpenAPI 3.1 document, as far as this API uses
   * one: the required fields, path parameters that match their templates, unique operation ids,
   * declared tags and security schemes, `$ref`s that resolve, and schemas Ajv compiles strictly.
   */
  problems(): string[] {
    const problems: string[] = [];
    const tryTo = (what: string, work: () => void) => {
      try {
        work();
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
    };
    const { openapi, info, paths, components = {} } = this.document;
    if (!/^3\.1\.\d+$/.test(String(openapi))) problems.push(`openapi is ${openapi}, not 3.1.x`);
    if (typeof info?.title !== 'string' || typeof info.version !== 'string') {
      problems.push('info needs a title and a version');
    }
    if (typeof paths !== 'object' || paths === null) return [...problems, 'no paths'];
    const schemes = Object.keys((components.securitySchemes ?? {}) as Json);
    const tags = new Set(((this.at(['tags']) ?? []) as { name: string }[]).map(({ name }) => name));
    const operationIds = new Set<string>();
    const checkSecurity = (at: string[]) => {
      for (const requirement of (this.at(at) ?? []) as Json[]) {
        for (const name of Object.keys(requirement)) {
          if (!schemes.includes(name)) problems.push(`#/${at.join('/')}: no scheme ${name}`);
        }
      }
    };
    checkSecurity(['security']);
    for (const name of Object.keys((components.schemas ?? {}) as Json)) {
      tryTo(`schema ${name}`, () => this.validator(['components', 'schemas', name]));
    }
    for (const [path, item] of Object.entries(paths)) {
      if (!path.startsWith('/')) problems.push(`path ${path} does not start with /`);
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      for (const method of METHODS.filter((candidate) => candidate in item)) {
        const key = operationKey(method, path);
        const operation = item[method] as Json;
        const id = String(operation.operationId);
        if (operationIds.has(id)) problems.push(`${key}: operationId ${id} is taken`);
        operationIds.add(id);
        for (const tag of (operation.tags ?? []) as string[]) {
          if (!tags.has(tag)) problems.push(`${key}: tag ${tag} is not declared`);
        }
        checkSecurity(['paths', path, method, 'security']);
        tryTo(key, () => {
          const parameters = this.parameters(path, method);
          const inPath = parameters.filter(([parameter]) => parameter.in === 'path');
          const named = inPath.map(([parameter]) => String(parameter.name));
          if (named.sort().join() !== [...templated].sort().join()) {
            problems.push(`${key}: path parameters ${named} are not those of the path`);
          }
          if (inPath.some(([parameter]) => parameter.required !== true)) {
            problems.push(`${key}: a path parameter must be required`);
          }
          for (const [, at] of parameters) this.validator([...at, 'schema']);
          const schemasOf = ([found, at]: Found) =>
            Object.keys((found.content ?? {}) as Json).map((type) =>
              this.validator([...at, 'content', type, 'schema']),
            );
          if (operation.requestBody) schemasOf(this.follow(['paths', path, method, 'requestBody']));
          const statuses = Object.keys((operation.responses ?? {}) as Json);
          if (statuses.length === 0) problems.push(`${key}: no responses`);
          for (const status of statuses) {
            if (!/^[1-5]\d\d$/.test(status)) problems.push(`${key}: status ${status}`);
            const found = this.follow(['paths', path, method, 'responses', status]);
            if (typeof found[0].description !== 'string') {
              problems.push(`${key} ${status}: no description`);
            }
            schemasOf(found);
            for (const name of Object.keys((found[0].headers ?? {}) as Json)) {
              this.validator([...this.follow([...found[1], 'headers', name])[1], 'schema']);
            }
          }
        });
      }
    }
    return problems;
  }

  /**
   * Throws unless the answer is one the document promises to this request; answers its body
   * (parsed JSON, or undefined for none).
   */
  async check(request: SentRequest, response: Response): Promise<unknown> {
    const method = request.method.toLowerCase();
    const key = operationKey(method, request.template);
    const text = await response.text();
    const where = `${key} → ${response.status} ${text.slice(0, 300)}`;
    const operationAt = ['paths', request.template, method];
    if (this.at(operationAt) === undefined) throw new Error(`${key} is not in the document`);
    const status = String(response.status);
    if (this.at([...operationAt, 'responses', status]) === undefined) {
      throw new Error(`undocumented status: ${where}`);
    }
    const [answer, answerAt] = this.follow([...operationAt, 'responses', status]);

    for (const name of Object.keys((answer.headers ?? {}) as Json)) {
      this.checkHeader(name, this.follow([...answerAt, 'headers', name]), response, where);
    }
    let body: unknown;
    const content = answer.content as Json | undefined;
    if (!content) {
      if (text !== '') throw new Error(`a body where the document has none: ${where}`);
    } else {
      const type = mediaType(response.headers.get('content-type'));
      if (!(type in content)) throw new Error(`undocumented content type '${type}': ${where}`);
      body = type.endsWith('json') ? JSON.parse(text) : text;
      const validate = this.validator([...answerAt, 'content', type, 'schema']);
      if (!validate(body)) throw new Error(`${where}\ndoes not match: ${this.errors(validate)}`);
    }

    const refusals = this.requestErrors(request);
    // A success, a refusal to this learner (403) or of what is not there (404): a valid request.
    if (/^2|^40[34]$/.test(status) && refusals.length > 0) {
      throw new Error(`the server took what the document forbids (${refusals}): ${where}`);
    }
    if ((status === '400' || status === '415') && refusals.length === 0) {
      throw new Error(`the server refused what the document allows: ${where}`);
    }
    const statuses = this.seen.get(key) ?? new Set();
    statuses.add(response.status);
    this.seen.set(key, statuses);
    return body;
  }

  /** Why the document would refuse this request: its path parameters, content type and body. */
  requestErrors(request: SentRequest): string[] {
    const method = request.method.toLowerCase();
    const operationAt = ['paths', request.template, method];
    const errors: string[] = [];
    for (const [parameter, parameterAt] of this.parameters(request.template, method)) {
      if (parameter.in !== 'path') continue;
      const name = String(parameter.name);
      const value = request.params[name] ?? '';
      // A path holds text; a number in it is written in decimal (OpenAPI's `simple` style).
      const numeric = /^(integer|number)$/.test(String((parameter.schema as Json).type));
      const typed = numeric && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
      if (!this.validator([...parameterAt, 'schema'])(typed)) errors.push(`path parameter ${name}`);
    }
    if ((this.at(operationAt) as Json).requestBody === undefined) return errors;
    const [requestBody, requestBodyAt] = this.follow([...operationAt, 'requestBody']);
    const sent = request.body;
    if (!sent || sent.text === '') {
      return requestBody.required ? [...errors, 'no body'] : errors;
    }
    const type = mediaType(sent.contentType);
    // JSON is UTF-8 (RFC 8259): a JSON body said to be in another charset is not one.
    const charset = /;\s*charset="?([^";]+)/i.exec(sent.contentType)?.[1];
    if (!(type in (requestBody.content as Json)) || (charset && !/^utf-8$/i.test(charset))) {
      return [...errors, `content type ${sent.contentType}`];
    }
    let body: unknown;
    try {
      body = JSON.parse(sent.text);
    } catch {
      return [...errors, 'a body that is not JSON'];
    }
    const validate = this.validator([...requestBodyAt, 'content', type, 'schema']);
    return validate(body) ? errors : [...errors, `body: ${this.errors(validate)}`];
  }

  /** The parameters of an operation, its path's included. */
  private parameters(path: string, method: string): Found[] {
    return [
      ['paths', path],
      ['paths', path, method],
    ].flatMap((at) =>
      (((this.at(at) as Json).parameters ?? []) as unknown[]).map((_, i) =>
        this.follow([...at, 'parameters', String(i)]),
      ),
    );
  }

  private checkHeader(name: string, [header, headerAt]: Found, response: Response, where: string) {
    const values =
      name.toLowerCase() === 'set-cookie'
        ? response.headers.getSetCookie()
        : [response.headers.get(name)].filter((value) => value !== null);
    if (values.length === 0) {
      if (header.required) throw new Error(`no ${name} header: ${where}`);
      return;
    }
    const validate = this.validator([...headerAt, 'schema']);
    if (!values.some((value) => validate(value))) {
      throw new Error(`${name}: ${values.join(' | ')} does not match the document: ${where}`);
    }
  }

  private validator(pointer: string[]): ValidateFunction {
    const id = `${DOCUMENT_ID}#/${pointer.map(encodePointerSegment).join('/')}`;
    const validate = this.ajv.getSchema(id);
    if (!validate) throw new Error(`no schema at ${id}`);
    return validate;
  }

  private errors(validate: ValidateFunction): string {
    return this.ajv.errorsText(validate.errors, { separator: '; ' });
  }

  /** The object at `pointer`, `$ref`s followed, and where it was found at last. */
  private follow(pointer: string[]): Found {
    let at = pointer;
    for (let hops = 0; hops < 10; hops++) {
      const node = this.at(at) as Json | undefined;
      if (node === undefined) throw new Error(`nothing at #/${at.join('/')}`);
      // A Reference's siblings (summary, description) only describe.
      if (typeof node.$ref !== 'string') return [node, at];
      at = refPath(node.$ref);
    }
    throw new Error(`a $ref loop at #/${pointer.join('/')}`);
  }

  private at(pointer: string[]): unknown {
    let node: unknown = this.document;
    for (const segment of pointer) node = (node as Json | undefined)?.[segment];
    return node;
  }
}

export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** `#/components/schemas/Error` → `['components', 'schemas', 'Error']`. */
export function refPath(ref: string): string[] {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are used here, not ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((segment) => decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~'));
}

function encodePointerSegment(segment: string): string {
  return encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'));
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
