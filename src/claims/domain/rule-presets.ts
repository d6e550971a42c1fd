import { ClaimKind, Occasion, Occasions } from './claim-kinds';
import { CapRule, DocumentRule, RuleSetBody, RuleSetRef } from './rule-set';

/**
 * The default rule set and the provincial presets (brief §4.4). Per the project decisions (#3) caps are
 * never imposed: a center without a rule set gets the national prohibitions and documents only, and may
 * adopt a preset as the starting point of its own rule set.
 */

/** 八不准 and the 2014 notice (brief §4.2). */
const PROHIBITED: readonly ClaimKind[] = ['cash_gift', 'shopping_card', 'banquet', 'unrelated'];

const DOCUMENTS: readonly DocumentRule[] = [
  // goods handed out per person: the invoice for the purchase and a list signed by each recipient
  ...(['holiday_gift', 'birthday', 'wedding', 'childbirth', 'retirement'] as const).map((kind) => ({
    kind,
    documents: ['invoice', 'distribution_list'] as DocumentRule['documents'],
  })),
  // condolence money and aid are paid to a person, who signs for it; there is no invoice
  ...(['illness', 'death_member', 'death_relative', 'hardship_aid'] as const).map((kind) => ({
    kind,
    documents: ['receipt'] as DocumentRule['documents'],
  })),
  ...(['activity', 'training', 'meeting'] as const).map((kind) => ({
    kind,
    documents: ['invoice', 'sign_in_list'] as DocumentRule['documents'],
  })),
  ...(['general', 'capital'] as const).map((kind) => ({ kind, documents: ['invoice'] as DocumentRule['documents'] })),
];

function body(caps: CapRule[]): RuleSetBody {
  return {
    prohibitedKinds: [...PROHIBITED],
    caps,
    requiredDocuments: DOCUMENTS.map((r) => ({ kind: r.kind, documents: [...r.documents] })),
  };
}

const perYear = (kind: ClaimKind, amount: string): CapRule => ({ kind, basis: 'member-year', amount });
const perEvent = (kind: ClaimKind, amount: string): CapRule => ({ kind, basis: 'event', amount });

/** Holiday-gift caps per festival: the named ones, and `others` for every remaining festival. */
function perFestival(named: Partial<Record<Occasion, string>>, others: string): CapRule[] {
  return Occasions.map((occasion) => ({ kind: 'holiday_gift', occasion, basis: 'member-year', amount: named[occasion] ?? others }));
}

const CHECK = '数字来自公开报道等二手资料，可能已修订；采用前请与本省现行文件核对。';

export const RULE_PRESETS: readonly { id: string; name: string; source: string; note: string; body: RuleSetBody }[] = deepFreeze([
  {
    id: 'anhui-2018',
    name: '安徽（2018 试行）',
    source: '[S15-AH]',
    note: `2018 年试行标准。${CHECK}`,
    body: body([
      perYear('holiday_gift', '1500.00'),
      perYear('birthday', '300.00'),
      perEvent('wedding', '600.00'),
      perEvent('childbirth', '600.00'),
      perEvent('illness', '1000.00'),
      perEvent('death_member', '2000.00'),
      perEvent('death_relative', '1000.00'),
      perEvent('retirement', '1000.00'),
    ]),
  },
  {
    id: 'guizhou',
    name: '贵州',
    source: '[S15-AH]',
    note: `春节每人不超过 500 元，其他节日（含“其他节日”）每个每人不超过 200 元，按每个节日每年计。${CHECK}`,
    body: body([...perFestival({ spring: '500.00' }, '200.00'), perYear('birthday', '300.00')]),
  },
  {
    id: 'sichuan',
    name: '四川',
    source: '[S15-SC]',
    note:
      '结婚、生育各不超过 500 元。文体活动奖品（获奖面不超过参与人数 2/3、最高奖 300 元、无奖品时纪念品 100 元）' +
      `和会费活动的经费补贴上限无法按报销单逐项表达，未纳入。${CHECK}`,
    body: body([
      perYear('holiday_gift', '2100.00'),
      perYear('birthday', '300.00'),
      perEvent('wedding', '500.00'),
      perEvent('childbirth', '500.00'),
      perEvent('death_member', '2000.00'),
      perEvent('death_relative', '1000.00'),
      perEvent('retirement', '500.00'),
    ]),
  },
  {
    id: 'guangdong-trial',
    name: '广东（试行）',
    source: '[S15-GD]',
    note: `资料中“婚育 1,000 元”按结婚、生育各计一次限额。未见节日慰问品、生日和患病慰问标准。${CHECK}`,
    body: body([
      perEvent('wedding', '1000.00'),
      perEvent('childbirth', '1000.00'),
      perEvent('death_member', '3000.00'),
      perEvent('death_relative', '1000.00'),
      perEvent('retirement', '1000.00'),
    ]),
  },
  {
    id: 'shanxi',
    name: '山西',
    source: '[S15-SX]',
    note: `仅见节日慰问品年度限额。${CHECK}`,
    body: body([perYear('holiday_gift', '1500.00')]),
  },
  {
    id: 'heilongjiang-2017',
    name: '黑龙江（2017）',
    source: '[S15-HLJ]',
    note: `2017 年报道，仅见节日慰问品年度限额。${CHECK}`,
    body: body([perYear('holiday_gift', '1000.00')]),
  },
  {
    id: 'six-provinces-2015',
    name: '江苏、天津、安徽、山东、福建、广西（2015）',
    source: '[S15-RMW]',
    note: `2015 年人民网报道的共同标准。生日慰问资料为 200–300 元区间，此处取上限 300 元，标准较低的省份请改小。${CHECK}`,
    body: body([perYear('holiday_gift', '1000.00'), perYear('birthday', '300.00')]),
  },
  {
    id: 'shanghai-2015',
    name: '上海（2015）',
    source: '[S15-RMW]',
    note:
      '每人每年不超过 400 元已纳入。另有“节日慰问总额不超过留成经费 20%”的限制，是工会全年总额口径，' +
      `单张报销单无法核对，未纳入，请通过预算控制。${CHECK}`,
    body: body([perYear('holiday_gift', '400.00')]),
  },
  {
    id: 'chongqing-2015',
    name: '重庆（2015）',
    source: '[S15-RMW]',
    note: `春节每人不超过 500 元，国庆 300 元，其他节日（含“其他节日”）每个 100 元，按每个节日每年计。${CHECK}`,
    body: body(perFestival({ spring: '500.00', national_day: '300.00' }, '100.00')),
  },
  {
    id: 'beijing-2019',
    name: '北京（2019）',
    source: '[S15-BJ]',
    note:
      '生日慰问每人每年不超过 300 元已纳入，实名签收由默认单据要求（发放名单）覆盖，现金和购物卡由默认禁止事项覆盖。' +
      `“节日慰问总额不超过当年预算收入 50%”是全年总额口径，单张报销单无法核对，未纳入，请通过预算控制。${CHECK}`,
    body: body([perYear('birthday', '300.00')]),
  },
  {
    id: 'unnamed-2023',
    name: '某省（2023 资料）',
    source: '[S15-1800]',
    note: `资料未写明省份。“婚育 1,000 元”按结婚、生育各计一次限额。该省允许凭实名提货券领取慰问品，这类支出按节日慰问品报销，不属于禁止的购物卡、代金券。${CHECK}`,
    body: body([
      perYear('holiday_gift', '1800.00'),
      perYear('birthday', '300.00'),
      perEvent('wedding', '1000.00'),
      perEvent('childbirth', '1000.00'),
    ]),
  },
  {
    id: 'unnamed-2024',
    name: '某省（2024 资料）',
    source: '[S15-1600]',
    note: `资料未写明省份。${CHECK}`,
    body: body([perYear('holiday_gift', '1600.00'), perYear('birthday', '300.00')]),
  },
]);

/** What a center gets until it configures its own rule set: prohibitions and documents, no caps. */
export const DEFAULT_RULE_SET: RuleSetRef = deepFreeze({
  id: null,
  name: '默认规则（全国通用）',
  effectiveFrom: null,
  body: body([]),
});

/** Shared module-level values: freezing stops one request's edits leaking into the next. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
