import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { API_TAGS, operations } from './openapi.document';

const OPERATION_ID = /^[a-z][A-Za-z0-9]+$/;

/**
 * What makes the document a contract a client can be generated from; each problem says how to fix it.
 * Run by `npm run openapi` (refuses to write a document with problems) and by the drift test.
 */
export function contractProblems(doc: OpenAPIObject): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const op of operations(item)) {
      const where = `${op.operationId ?? '?'} (${path})`;
      if (!op.operationId || !OPERATION_ID.test(op.operationId)) problems.push(`${where}: operationId must be the handler's camelCase name`);
      if (op.operationId && seen.has(op.operationId)) problems.push(`${where}: operationId used twice`);
      seen.add(op.operationId ?? '');
      if (!op.summary) problems.push(`${where}: no summary — add @ApiOperation({ summary: '中文摘要', description: '…' })`);
      if (!op.description) problems.push(`${where}: no description — add it to @ApiOperation`);
      if (!op.tags?.length) problems.push(`${where}: no tag — add @ApiTags to the controller`);
      for (const tag of op.tags ?? []) if (!API_TAGS[tag]) problems.push(`${where}: tag '${tag}' is not described in API_TAGS (src/common/openapi/openapi.document.ts)`);
      problems.push(...parameterProblems(where, op));
      problems.push(...bodyProblems(where, op));
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const code = Number(status);
        const content = (response as ResponseObject).content;
        if (code >= 200 && code < 300 && code !== 204 && !Object.values(content ?? {}).some((c) => c.schema)) {
          problems.push(`${where}: response ${status} has no schema — @ApiOkResponse({ type }), @ApiPageResponse(Item) or @ApiFileResponse([...])`);
        }
      }
      if (!Object.keys(op.responses ?? {}).some((s) => Number(s) >= 400)) problems.push(`${where}: no error response documented`);
    }
  }
  const schemas = (doc.components?.schemas ?? {}) as Record<string, SchemaObject>;
  for (const name of requestSchemas(doc)) {
    for (const [prop, s] of Object.entries(schemas[name]?.properties ?? {})) {
      if ((s as SchemaObject).default !== undefined && !(schemas[name].required ?? []).includes(prop)) {
        problems.push(`request schema ${name}.${prop} has a default: generated clients then require it — say the default in its description`);
      }
    }
  }
  for (const [name, schema] of Object.entries(schemas)) {
    if (name === 'Object') problems.push(`schema 'Object' exists: a property or parameter has no type (give @ApiProperty a type)`);
    for (const [prop, s] of Object.entries((schema as SchemaObject).properties ?? {})) {
      if (untypedObject(s)) problems.push(`schema ${name}.${prop} is an untyped object — describe its properties (a nested response class) or additionalProperties`);
    }
  }
  return problems;
}

function parameterProblems(where: string, op: OperationObject): string[] {
  const problems: string[] = [];
  for (const p of (op.parameters ?? []) as ParameterObject[]) {
    const s = (p.schema ?? {}) as SchemaObject & ReferenceObject;
    if (s.$ref || s.allOf) problems.push(`${where}: parameter ${p.name} has no plain type — annotate it (e.g. page: number with type: 'integer')`);
    if (p.in === 'path' && !s.format && !s.pattern && !s.enum) {
      problems.push(`${where}: path parameter ${p.name} does not say what it accepts — guard it with a documented pipe (UuidParam, PeriodParam, …)`);
    }
  }
  return problems;
}

function bodyProblems(where: string, op: OperationObject): string[] {
  const body = op.requestBody as { content?: Record<string, { examples?: object; example?: unknown }> } | undefined;
  const json = body?.content?.['application/json'];
  return json && !json.examples && json.example === undefined ? [`${where}: request body without an example — add @ApiExamples(Dto, { '说明': {...} })`] : [];
}

/** Names of the component schemas request bodies use, nested ones included. */
function requestSchemas(doc: OpenAPIObject): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const ref = (node as ReferenceObject).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
      const name = ref.slice('#/components/schemas/'.length);
      if (names.has(name)) return;
      names.add(name);
      visit(doc.components?.schemas?.[name]);
      return;
    }
    Object.values(node).forEach(visit);
  };
  for (const item of Object.values(doc.paths)) for (const op of operations(item)) visit(op.requestBody);
  return names;
}

function untypedObject(s: SchemaObject | ReferenceObject): boolean {
  const o = s as SchemaObject;
  if (o.type === 'array' && o.items) return untypedObject(o.items);
  return o.type === 'object' && !o.properties && o.additionalProperties === undefined && !o.allOf && !o.oneOf;
}
