import { INestApplication } from '@nestjs/common';
import { PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Access, ACCESS } from '../../auth/permission.decorator';
import { asksForAmount } from '../validation/is-amount.decorator';
import { API_ERRORS, API_EXAMPLES, pipeDoc, PipeDoc } from './api-docs.decorators';
import { ErrorResponse, FieldErrorResponse, PageResponse } from './api-schemas.dto';
import { ApiErrorCode, apiErrorStatus, ERROR_MEANING } from './error-catalog';

/** The API's version: raise it with every release that changes the document. */
export const API_VERSION = '0.1.0';

/** Capabilities, as tags: every tag a controller uses must be described here (contractProblems checks). */
export const API_TAGS: Record<string, string> = {
  auth: '登录、刷新令牌、修改密码',
  users: '用户与授权（系统管理员）',
  centers: '核算中心',
  unions: '基层工会：建账与状态',
  accounts: '会计科目',
  projects: '项目（专项资金核算）',
  'opening-balances': '期初余额',
  vouchers: '记账凭证：制单、审核过账、红字冲销',
  periods: '会计期间：结账（期末结转、年终结转）、反结账、批量结账、年度结转',
  statements: '财务报表：工会01表 资产负债表、工会02表 收入支出表，单户与汇总',
  'fixed-assets': '固定资产卡片：登记、折旧、处置',
  budgets: '预算：编制、批准、调整与执行',
  books: '账簿与余额：科目余额表、明细账、可用资金',
  claims: '报销：报销单与审批流程、附件、中心规则、待办',
  banking: '统一账户与工会份额、收款、会费、经费分配、银行对账、工会退出',
  exports: '审计导出（Excel 工作簿、资料包）',
  print: '打印（PDF 版式文件：记账凭证、账簿、报表）',
  interchange: '数据接口（GB/T 24589 导出与导入、hledger 纯文本日记账）',
  audit: '操作日志与完整性校验',
  health: '运行状态',
  archive: '会计档案（归档、档案登记簿、下载、四性校验、数据移交）',
};

const STATUS_TITLE: Record<number, string> = {
  400: '请求不合法',
  401: '未登录或登录已失效',
  403: '无权操作',
  404: '不存在或不在授权范围内',
  409: '与账簿或单据的当前状态冲突',
  410: '已过期',
  413: '请求内容过大',
  415: '内容类型不受支持',
  422: '不符合会计或业务规则',
  423: '账户已锁定',
  429: '请求过于频繁',
};

/** Error responses many operations share, published once under components.responses. */
const SHARED_ERRORS: Record<string, ApiErrorCode[]> = {
  ValidationFailed: ['VALIDATION_FAILED'],
  Unauthenticated: ['TOKEN_INVALID', 'UNAUTHENTICATED'],
  Forbidden: ['FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED'],
  PasswordChangeRequired: ['PASSWORD_CHANGE_REQUIRED'],
  NotFound: ['NOT_FOUND'],
  PayloadTooLarge: ['PAYLOAD_TOO_LARGE'],
  UnsupportedMediaType: ['UNSUPPORTED_MEDIA_TYPE'],
  ServerError: ['DATABASE_UNAVAILABLE', 'INTERNAL_ERROR', 'SERVICE_UNAVAILABLE'],
};

const key = (codes: ApiErrorCode[]) => [...codes].sort().join(',');

interface RouteFacts {
  access: Access | undefined;
  errors: ApiErrorCode[];
  examples: Record<string, unknown> | undefined;
  pathParams: Map<string, PipeDoc>;
  /** its body or query DTO has an amount somewhere: the validation pipe may answer AMOUNT_INVALID */
  amounts: boolean;
}

/**
 * The OpenAPI document of the running service, and the one committed as docs/openapi.json (npm run
 * openapi): Nest's document completed by rule — operationId = the handler's name; the errors every route
 * of its kind gives; path parameters described by their pipes; request examples; one error schema.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('union-ledger')
    .setDescription(
      '工会经费集中核算：集中管理、统一开户、分户核算。每个基层工会独立建账。\n\n' +
        '- 金额一律为字符串（如 "1234.50"），最多两位小数；日期为 YYYY-MM-DD，期间为 YYYY-MM，时刻为 ISO 8601（UTC）。\n' +
        '- 登录后在请求头带 `Authorization: Bearer <accessToken>`；每个接口所需的权限见 `x-permission`。\n' +
        '- 错误一律返回 `{ code, message, details?, requestId }`：`code` 是稳定的英文错误码，`message` 是中文说明；' +
        '每个接口列出它可能返回的错误码。\n' +
        '- 响应头 `X-Request-Id` 与日志、审计记录中的请求编号一致；请求可带自己的 `X-Request-Id`。',
    )
    .setVersion(API_VERSION)
    .addBearerAuth();
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controller, method) => method,
    extraModels: [ErrorResponse, FieldErrorResponse, PageResponse],
  });
  const facts = routeFacts(app);
  const shared = new Map<string, string>(Object.entries(SHARED_ERRORS).map(([name, codes]) => [key(codes), name]));
  for (const [path, item] of Object.entries(document.paths)) {
    for (const op of operations(item)) {
      const f = facts.get(op.operationId ?? '');
      if (f) complete(path, op, f, shared);
    }
  }
  document.components!.responses = Object.fromEntries(
    Object.entries(SHARED_ERRORS).map(([name, codes]) => [name, errorResponse(describe(codes), codes)]),
  );
  return document;
}

/** What the document says about each route that Nest's scanner does not: read from the route's own metadata. */
function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (facts.has(name)) {
          throw new Error(`Two route handlers are named ${name}: the name is the operationId of the OpenAPI document, rename one (e.g. listVouchers)`);
        }
        const args: Record<string, { data?: unknown; pipes?: unknown[] }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {};
        const pathParams = new Map<string, PipeDoc>();
        for (const [key, arg] of Object.entries(args)) {
          if (Number(key.split(':')[0]) !== RouteParamtypes.PARAM || typeof arg.data !== 'string') continue;
          const doc = (arg.pipes ?? []).map(pipeDoc).find((d) => d !== undefined);
          if (doc) pathParams.set(arg.data, doc);
        }
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) as unknown[] | undefined) ?? [];
        const dtos = Object.keys(args)
          .map((k) => k.split(':').map(Number))
          .filter(([kind]) => kind === RouteParamtypes.BODY || kind === RouteParamtypes.QUERY)
          .map(([, index]) => types[index]);
        facts.set(name, {
          access: Reflect.getMetadata(ACCESS, handler) ?? Reflect.getMetadata(ACCESS, controller),
          errors: Reflect.getMetadata(API_ERRORS, handler) ?? [],
          examples: Reflect.getMetadata(API_EXAMPLES, handler),
          pathParams,
          amounts: dtos.some((dto) => asksForAmount(dto)),
        });
      }
    }
  }
  return facts;
}

export function operations(item: object): OperationObject[] {
  return ['get', 'put', 'post', 'delete', 'patch'].flatMap((m) => ((item as Record<string, OperationObject | undefined>)[m] ? [(item as Record<string, OperationObject>)[m]] : []));
}

function complete(path: string, op: OperationObject, f: RouteFacts, shared: Map<string, string>): void {
  const params = (op.parameters ?? []) as ParameterObject[];
  for (const p of params) {
    const declared = p.in === 'path' ? f.pathParams.get(p.name) : undefined;
    if (declared) p.schema = { ...(p.schema as SchemaObject), ...declared.schema };
  }
  const json = (op.requestBody as { content?: Record<string, { examples?: unknown }> } | undefined)?.content?.['application/json'];
  if (json && f.examples) {
    json.examples = Object.fromEntries(Object.entries(f.examples).map(([summary, value]) => [summary, { summary, value }]));
  }

  const codes = new Set<ApiErrorCode>(f.errors);
  if (f.access?.kind !== 'public') {
    codes.add('UNAUTHENTICATED').add('TOKEN_INVALID');
    if (!(f.access?.kind === 'authenticated' && f.access.duringPasswordChange)) codes.add('PASSWORD_CHANGE_REQUIRED');
    if (f.access?.kind !== 'authenticated') codes.add('FORBIDDEN');
  }
  // the guard answers 404 for a union or center outside the caller's grants, as for one that does not exist
  if (/\{(unionId|centerId)\}/.test(path)) codes.add('NOT_FOUND');
  for (const pipe of f.pathParams.values()) codes.add(pipe.error);
  if (json || params.some((p) => p.in === 'query')) codes.add('VALIDATION_FAILED');
  if (f.amounts) codes.add('AMOUNT_INVALID');
  if (op.requestBody) codes.add('PAYLOAD_TOO_LARGE').add('UNSUPPORTED_MEDIA_TYPE');

  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of codes) {
    const status = apiErrorStatus(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses = op.responses as Record<string, ResponseObject | ReferenceObject>;
  const respond = (codes: ApiErrorCode[]) => {
    const name = shared.get(key(codes));
    return name ? { $ref: `#/components/responses/${name}` } : errorResponse(describe(codes), codes);
  };
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) responses[String(status)] = respond(list.sort());
  responses.default = respond(['DATABASE_UNAVAILABLE', 'INTERNAL_ERROR', 'SERVICE_UNAVAILABLE']);
}

function describe(codes: ApiErrorCode[]): string {
  const status = apiErrorStatus(codes[0]);
  const title = status >= 500 ? '服务端错误' : (STATUS_TITLE[status] ?? '错误');
  return `${title}：\n${codes.map((c) => `- \`${c}\` ${ERROR_MEANING[c]}`).join('\n')}`;
}

function errorResponse(description: string, codes: ApiErrorCode[]): ResponseObject {
  return {
    description,
    content: {
      'application/json': {
        schema: {
          allOf: [{ $ref: getSchemaPath(ErrorResponse) }, { type: 'object', required: ['code'], properties: { code: { type: 'string', enum: codes } } }],
        },
      },
    },
  };
}
