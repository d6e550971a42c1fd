/**
 * What a claim spends on, and the documents that back it. Pure vocabulary shared by the workflow and the
 * compliance rules; the codes are stable (stored, and cited in refusals), the labels are what clerks read.
 */
export const ClaimKinds = [
  'general',
  'activity',
  'training',
  'meeting',
  'holiday_gift',
  'birthday',
  'wedding',
  'childbirth',
  'illness',
  'death_member',
  'death_relative',
  'retirement',
  'hardship_aid',
  'capital',
  // 八不准 and the 2014 notice: kinds that exist so a rule set can name them and refuse them
  'cash_gift',
  'shopping_card',
  'banquet',
  'unrelated',
] as const;
export type ClaimKind = (typeof ClaimKinds)[number];

export const CLAIM_KIND_LABEL: Record<ClaimKind, string> = {
  general: '一般支出',
  activity: '文体/会员活动',
  training: '培训',
  meeting: '会议',
  holiday_gift: '节日慰问品',
  birthday: '生日慰问',
  wedding: '结婚慰问',
  childbirth: '生育慰问',
  illness: '患病住院慰问',
  death_member: '会员去世慰问',
  death_relative: '会员直系亲属去世慰问',
  retirement: '退休纪念',
  hardship_aid: '困难帮扶',
  capital: '资本性支出',
  cash_gift: '发放现金',
  shopping_card: '购物卡、代金券',
  banquet: '请客送礼、宴请',
  unrelated: '与工会工作无关的费用',
};

/** Kinds whose spending is per person: the claim lists its beneficiaries by name. */
export const PER_PERSON_KINDS: readonly ClaimKind[] = [
  'holiday_gift',
  'birthday',
  'wedding',
  'childbirth',
  'illness',
  'death_member',
  'death_relative',
  'retirement',
  'hardship_aid',
];

/** 传统节日 for holiday gifts: a cap may apply to one festival or to the whole year. */
export const Occasions = ['new_year', 'spring', 'qingming', 'labour_day', 'dragon_boat', 'mid_autumn', 'national_day', 'other'] as const;
export type Occasion = (typeof Occasions)[number];

export const OCCASION_LABEL: Record<Occasion, string> = {
  new_year: '元旦',
  spring: '春节',
  qingming: '清明',
  labour_day: '劳动节',
  dragon_boat: '端午',
  mid_autumn: '中秋',
  national_day: '国庆',
  other: '其他节日',
};

export const DocumentKinds = ['invoice', 'receipt', 'sign_in_list', 'distribution_list', 'minutes', 'contract', 'other'] as const;
export type DocumentKind = (typeof DocumentKinds)[number];

export const DOCUMENT_KIND_LABEL: Record<DocumentKind, string> = {
  invoice: '发票',
  receipt: '收据/签收单',
  sign_in_list: '签到表',
  distribution_list: '发放名单（实名签收）',
  minutes: '会议纪要',
  contract: '合同',
  other: '其他',
};
