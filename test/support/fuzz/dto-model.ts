import { getMetadataStorage } from 'class-validator';
import { nestedDto } from '../../../src/common/validation/nested.decorator';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of an OpenAPI document the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
}

export interface Operation {
  'x-permission'?: string;
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

type Metadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** One property of a DTO: what OpenAPI says of its shape, what class-validator checks of its value. */
export interface Field {
  name: string;
  required: boolean;
  /** null may stand for "not given" (@IsOptional); otherwise null is refused. */
  nullable: boolean;
  rules: Map<string, Metadata>;
  list: boolean;
  nested: Model | null;
}

export interface Model {
  name: string;
  fields: Field[];
}

type DtoClass = new () => object;

/**
 * Every DTO class the API uses: the exported classes of DTO files (a dto/ folder, `*.dto.ts`, `*.query.ts`)
 * and of controller files, the parameter types of every controller method (a DTO need not be exported), and
 * the types nested in those (@Type), each under its class name and the name @ApiSchema publishes it as.
 */
export function dtoClasses(root = join(__dirname, '../../../src')): Map<string, DtoClass> {
  const classes = new Map<string, DtoClass>();
  const add = (value: unknown) => {
    if (typeof value !== 'function' || !value.name || classes.get(value.name) === value) return;
    classes.set(value.name, value as DtoClass);
    const published = (Reflect.getMetadata('swagger/apiSchema', value) as { name?: string }[] | undefined)?.[0]?.name;
    if (published) classes.set(published, value as DtoClass);
    for (const m of getMetadataStorage().getTargetValidationMetadatas(value, '', true, false)) {
      const nested = nestedDto(value, m.propertyName);
      if (nested && nested !== Object) add(nested);
    }
  };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== join(root, 'web')) walk(path);
      } else if (/\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) && (/\/dto\//.test(path) || /\.(dto|query|controller)\.ts$/.test(entry.name))) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        for (const value of Object.values(require(path) as Record<string, unknown>)) {
          if (typeof value !== 'function') continue;
          add(value);
          for (const method of Object.getOwnPropertyNames(value.prototype ?? {})) {
            for (const param of (Reflect.getMetadata('design:paramtypes', value.prototype, method) as unknown[] | undefined) ?? []) add(param);
          }
        }
      }
    }
  };
  walk(root);
  return classes;
}

function rulesOf(cls: DtoClass): Map<string, Map<string, Metadata>> {
  const byProperty = new Map<string, Map<string, Metadata>>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    const rules = byProperty.get(m.propertyName) ?? new Map<string, Metadata>();
    rules.set(m.name ?? m.type, m);
    byProperty.set(m.propertyName, rules);
  }
  return byProperty;
}

const refName = (s: Schema | undefined): string | undefined => s?.$ref?.split('/').pop() ?? s?.allOf?.find((x) => x.$ref)?.$ref?.split('/').pop();

/** A DTO as the fuzzer sees it: its properties from the OpenAPI schema, their rules from the class. */
export function modelOf(name: string, doc: OpenApiDocument, classes: Map<string, DtoClass>, depth = 0): Model {
  const schema = doc.components.schemas[name];
  const cls = classes.get(name);
  if (!schema || !cls) throw new Error(`the fuzzer knows no DTO class for the schema ${name}: export it from a file under a dto/ folder`);
  const rules = rulesOf(cls);
  const fields = Object.entries(schema.properties ?? {}).map(([field, s]): Field => {
    const own = rules.get(field) ?? new Map<string, Metadata>();
    const conditional = own.get('isOptional') ?? own.get('conditionalValidation');
    const list = s.type === 'array';
    // only a field validated as nested (@Nested, @NestedList) is built as a DTO; any other object is a value
    const ref = own.has('nestedValidation') ? refName(list ? s.items : s) : undefined;
    return {
      name: field,
      required: (schema.required ?? []).includes(field) && !conditional,
      nullable: own.has('isOptional'),
      rules: own,
      list,
      nested: ref && depth < 3 ? modelOf(ref, doc, classes, depth + 1) : null,
    };
  });
  return { name, fields };
}

/** The DTO behind a route's query string: the class whose validated properties are exactly its parameters. */
export function queryModel(names: string[], classes: Map<string, DtoClass>): Model | null {
  const wanted = [...names].sort().join(',');
  for (const [name, cls] of classes) {
    const rules = rulesOf(cls);
    if ([...rules.keys()].sort().join(',') !== wanted) continue;
    const fields = names.map((field): Field => {
      const own = rules.get(field)!;
      return { name: field, required: !own.has('isOptional'), nullable: own.has('isOptional'), rules: own, list: false, nested: null };
    });
    return { name, fields };
  }
  return null;
}
