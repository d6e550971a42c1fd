import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ledger core: centers, unions, charts of accounts, vouchers, periods and balances, with the database-side
 * guards of the ledger invariants (balanced posted vouchers, immutable posted rows, gapless numbering,
 * closed periods). Every per-union table leads its primary key with union_id and every foreign key between
 * per-union tables includes it, so the schema distributes by union_id unchanged (docs/scaling.md).
 */
export class LedgerCore1795275742106 implements MigrationInterface {
  name = 'LedgerCore1795275742106';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_period_of(d date) RETURNS integer
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT (extract(year FROM d) * 100 + extract(month FROM d))::integer $$`);

    await q.query(`
      CREATE TABLE centers (
        id uuid NOT NULL,
        code varchar(32) NOT NULL,
        name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_centers PRIMARY KEY (id),
        CONSTRAINT uq_centers_code UNIQUE (code)
      )`);

    await q.query(`
      CREATE TABLE unions (
        id uuid NOT NULL,
        center_id uuid NOT NULL,
        code varchar(32) NOT NULL,
        name varchar(200) NOT NULL,
        chart_template varchar(16) NOT NULL,
        first_period integer NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active',
        voucher_numbering varchar(16) NOT NULL DEFAULT 'general',
        agreement_number varchar(64),
        agreement_date date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_unions PRIMARY KEY (id),
        CONSTRAINT uq_unions_center_code UNIQUE (center_id, code),
        CONSTRAINT fk_unions_center FOREIGN KEY (center_id) REFERENCES centers (id),
        CONSTRAINT ck_unions_chart_template CHECK (chart_template IN ('grassroots', 'county')),
        CONSTRAINT ck_unions_status CHECK (status IN ('active', 'suspended', 'withdrawn')),
        CONSTRAINT ck_unions_voucher_numbering CHECK (voucher_numbering IN ('general', 'typed')),
        CONSTRAINT ck_unions_first_period CHECK (first_period BETWEEN 190001 AND 219912 AND first_period % 100 BETWEEN 1 AND 12)
      )`);

    await q.query(`
      CREATE TABLE chart_template_accounts (
        template varchar(16) NOT NULL,
        code varchar(9) NOT NULL,
        name varchar(100) NOT NULL,
        category varchar(16) NOT NULL,
        normal_side varchar(6) NOT NULL,
        parent_code varchar(9),
        level smallint NOT NULL,
        CONSTRAINT pk_chart_template_accounts PRIMARY KEY (template, code)
      )`);
    await q.query(`
      INSERT INTO chart_template_accounts (template, code, name, category, normal_side, parent_code, level) VALUES
  ('grassroots', '101', '库存现金', 'asset', 'debit', NULL, 1),
  ('grassroots', '102', '银行存款', 'asset', 'debit', NULL, 1),
  ('grassroots', '131', '应收上级经费', 'asset', 'debit', NULL, 1),
  ('grassroots', '13101', '应收上级补助', 'asset', 'debit', '131', 2),
  ('grassroots', '13102', '应收上级转拨经费', 'asset', 'debit', '131', 2),
  ('grassroots', '135', '其他应收款', 'asset', 'debit', NULL, 1),
  ('grassroots', '141', '库存物品', 'asset', 'debit', NULL, 1),
  ('grassroots', '162', '固定资产', 'asset', 'debit', NULL, 1),
  ('grassroots', '163', '累计折旧', 'asset', 'credit', NULL, 1),
  ('grassroots', '182', '待处理财产损溢', 'asset', 'debit', NULL, 1),
  ('grassroots', '211', '应付上级经费', 'liability', 'credit', NULL, 1),
  ('grassroots', '215', '其他应付款', 'liability', 'credit', NULL, 1),
  ('grassroots', '301', '资产基金', 'net_assets', 'credit', NULL, 1),
  ('grassroots', '30101', '库存物品', 'net_assets', 'credit', '301', 2),
  ('grassroots', '30102', '投资', 'net_assets', 'credit', '301', 2),
  ('grassroots', '30103', '在建工程', 'net_assets', 'credit', '301', 2),
  ('grassroots', '30104', '固定资产', 'net_assets', 'credit', '301', 2),
  ('grassroots', '30105', '无形资产', 'net_assets', 'credit', '301', 2),
  ('grassroots', '30106', '长期待摊费用', 'net_assets', 'credit', '301', 2),
  ('grassroots', '321', '工会资金结转', 'net_assets', 'credit', NULL, 1),
  ('grassroots', '32101', '年初余额调整', 'net_assets', 'credit', '321', 2),
  ('grassroots', '32102', '单位内部调剂', 'net_assets', 'credit', '321', 2),
  ('grassroots', '32103', '本年收支结转', 'net_assets', 'credit', '321', 2),
  ('grassroots', '32104', '累计结转', 'net_assets', 'credit', '321', 2),
  ('grassroots', '322', '工会资金结余', 'net_assets', 'credit', NULL, 1),
  ('grassroots', '32201', '年初余额调整', 'net_assets', 'credit', '322', 2),
  ('grassroots', '32202', '单位内部调剂', 'net_assets', 'credit', '322', 2),
  ('grassroots', '32203', '本年收支结转', 'net_assets', 'credit', '322', 2),
  ('grassroots', '32204', '结转转入', 'net_assets', 'credit', '322', 2),
  ('grassroots', '32205', '累计结余', 'net_assets', 'credit', '322', 2),
  ('grassroots', '401', '会费收入', 'income', 'credit', NULL, 1),
  ('grassroots', '402', '拨缴经费收入', 'income', 'credit', NULL, 1),
  ('grassroots', '403', '上级补助收入', 'income', 'credit', NULL, 1),
  ('grassroots', '40301', '一般性转移支付补助', 'income', 'credit', '403', 2),
  ('grassroots', '40302', '专项转移支付补助', 'income', 'credit', '403', 2),
  ('grassroots', '405', '行政补助收入', 'income', 'credit', NULL, 1),
  ('grassroots', '408', '其他收入', 'income', 'credit', NULL, 1),
  ('grassroots', '501', '职工活动支出', 'expense', 'debit', NULL, 1),
  ('grassroots', '50101', '职工教育支出', 'expense', 'debit', '501', 2),
  ('grassroots', '50102', '文体活动支出', 'expense', 'debit', '501', 2),
  ('grassroots', '50103', '宣传活动支出', 'expense', 'debit', '501', 2),
  ('grassroots', '50104', '劳模职工疗休养支出', 'expense', 'debit', '501', 2),
  ('grassroots', '50105', '会员活动支出', 'expense', 'debit', '501', 2),
  ('grassroots', '50106', '其他活动支出', 'expense', 'debit', '501', 2),
  ('grassroots', '503', '职工服务支出', 'expense', 'debit', NULL, 1),
  ('grassroots', '50301', '劳动和技能竞赛活动支出', 'expense', 'debit', '503', 2),
  ('grassroots', '50302', '建家活动支出', 'expense', 'debit', '503', 2),
  ('grassroots', '50303', '职工创新活动支出', 'expense', 'debit', '503', 2),
  ('grassroots', '50304', '职工书屋活动支出', 'expense', 'debit', '503', 2),
  ('grassroots', '50305', '其他服务支出', 'expense', 'debit', '503', 2),
  ('grassroots', '504', '维权支出', 'expense', 'debit', NULL, 1),
  ('grassroots', '50401', '劳动关系协调支出', 'expense', 'debit', '504', 2),
  ('grassroots', '50402', '劳动保护支出', 'expense', 'debit', '504', 2),
  ('grassroots', '50403', '法律援助支出', 'expense', 'debit', '504', 2),
  ('grassroots', '50404', '困难职工帮扶支出', 'expense', 'debit', '504', 2),
  ('grassroots', '50405', '送温暖支出', 'expense', 'debit', '504', 2),
  ('grassroots', '50406', '其他维权支出', 'expense', 'debit', '504', 2),
  ('grassroots', '505', '业务支出', 'expense', 'debit', NULL, 1),
  ('grassroots', '50501', '培训支出', 'expense', 'debit', '505', 2),
  ('grassroots', '50502', '会议支出', 'expense', 'debit', '505', 2),
  ('grassroots', '50503', '专项业务支出', 'expense', 'debit', '505', 2),
  ('grassroots', '50504', '其他业务支出', 'expense', 'debit', '505', 2),
  ('grassroots', '507', '资本性支出', 'expense', 'debit', NULL, 1),
  ('grassroots', '50701', '房屋建筑物购建', 'expense', 'debit', '507', 2),
  ('grassroots', '50702', '办公设备购置', 'expense', 'debit', '507', 2),
  ('grassroots', '50703', '专用设备购置', 'expense', 'debit', '507', 2),
  ('grassroots', '50704', '交通工具购置', 'expense', 'debit', '507', 2),
  ('grassroots', '50705', '大型修缮', 'expense', 'debit', '507', 2),
  ('grassroots', '50706', '信息网络购建', 'expense', 'debit', '507', 2),
  ('grassroots', '50707', '其他资本性支出', 'expense', 'debit', '507', 2),
  ('grassroots', '510', '其他支出', 'expense', 'debit', NULL, 1),
  ('county', '101', '库存现金', 'asset', 'debit', NULL, 1),
  ('county', '102', '银行存款', 'asset', 'debit', NULL, 1),
  ('county', '111', '零余额账户用款额度', 'asset', 'debit', NULL, 1),
  ('county', '121', '财政应返还额度', 'asset', 'debit', NULL, 1),
  ('county', '131', '应收上级经费', 'asset', 'debit', NULL, 1),
  ('county', '13101', '应收上级补助', 'asset', 'debit', '131', 2),
  ('county', '13102', '应收上级转拨经费', 'asset', 'debit', '131', 2),
  ('county', '132', '应收下级经费', 'asset', 'debit', NULL, 1),
  ('county', '135', '其他应收款', 'asset', 'debit', NULL, 1),
  ('county', '141', '库存物品', 'asset', 'debit', NULL, 1),
  ('county', '151', '投资', 'asset', 'debit', NULL, 1),
  ('county', '161', '在建工程', 'asset', 'debit', NULL, 1),
  ('county', '162', '固定资产', 'asset', 'debit', NULL, 1),
  ('county', '163', '累计折旧', 'asset', 'credit', NULL, 1),
  ('county', '171', '无形资产', 'asset', 'debit', NULL, 1),
  ('county', '172', '累计摊销', 'asset', 'credit', NULL, 1),
  ('county', '181', '长期待摊费用', 'asset', 'debit', NULL, 1),
  ('county', '182', '待处理财产损溢', 'asset', 'debit', NULL, 1),
  ('county', '201', '应付职工薪酬', 'liability', 'credit', NULL, 1),
  ('county', '211', '应付上级经费', 'liability', 'credit', NULL, 1),
  ('county', '212', '应付下级经费', 'liability', 'credit', NULL, 1),
  ('county', '21201', '应付下级补助', 'liability', 'credit', '212', 2),
  ('county', '21202', '应付下级转拨经费', 'liability', 'credit', '212', 2),
  ('county', '215', '其他应付款', 'liability', 'credit', NULL, 1),
  ('county', '221', '代管经费', 'liability', 'credit', NULL, 1),
  ('county', '301', '资产基金', 'net_assets', 'credit', NULL, 1),
  ('county', '30101', '库存物品', 'net_assets', 'credit', '301', 2),
  ('county', '30102', '投资', 'net_assets', 'credit', '301', 2),
  ('county', '30103', '在建工程', 'net_assets', 'credit', '301', 2),
  ('county', '30104', '固定资产', 'net_assets', 'credit', '301', 2),
  ('county', '30105', '无形资产', 'net_assets', 'credit', '301', 2),
  ('county', '30106', '长期待摊费用', 'net_assets', 'credit', '301', 2),
  ('county', '311', '专用基金', 'net_assets', 'credit', NULL, 1),
  ('county', '321', '工会资金结转', 'net_assets', 'credit', NULL, 1),
  ('county', '32101', '年初余额调整', 'net_assets', 'credit', '321', 2),
  ('county', '32102', '单位内部调剂', 'net_assets', 'credit', '321', 2),
  ('county', '32103', '本年收支结转', 'net_assets', 'credit', '321', 2),
  ('county', '32104', '累计结转', 'net_assets', 'credit', '321', 2),
  ('county', '322', '工会资金结余', 'net_assets', 'credit', NULL, 1),
  ('county', '32201', '年初余额调整', 'net_assets', 'credit', '322', 2),
  ('county', '32202', '单位内部调剂', 'net_assets', 'credit', '322', 2),
  ('county', '32203', '本年收支结转', 'net_assets', 'credit', '322', 2),
  ('county', '32204', '结转转入', 'net_assets', 'credit', '322', 2),
  ('county', '32205', '累计结余', 'net_assets', 'credit', '322', 2),
  ('county', '331', '财政拨款结转', 'net_assets', 'credit', NULL, 1),
  ('county', '33101', '年初余额调整', 'net_assets', 'credit', '331', 2),
  ('county', '33102', '单位内部调剂', 'net_assets', 'credit', '331', 2),
  ('county', '33103', '本年收支结转', 'net_assets', 'credit', '331', 2),
  ('county', '33104', '累计结转', 'net_assets', 'credit', '331', 2),
  ('county', '332', '财政拨款结余', 'net_assets', 'credit', NULL, 1),
  ('county', '33201', '年初余额调整', 'net_assets', 'credit', '332', 2),
  ('county', '33202', '归集上缴', 'net_assets', 'credit', '332', 2),
  ('county', '33203', '单位内部调剂', 'net_assets', 'credit', '332', 2),
  ('county', '33204', '结转转入', 'net_assets', 'credit', '332', 2),
  ('county', '33205', '累计结余', 'net_assets', 'credit', '332', 2),
  ('county', '341', '预算稳定调节基金', 'net_assets', 'credit', NULL, 1),
  ('county', '402', '拨缴经费收入', 'income', 'credit', NULL, 1),
  ('county', '403', '上级补助收入', 'income', 'credit', NULL, 1),
  ('county', '40301', '一般性转移支付补助', 'income', 'credit', '403', 2),
  ('county', '40302', '专项转移支付补助', 'income', 'credit', '403', 2),
  ('county', '404', '政府补助收入', 'income', 'credit', NULL, 1),
  ('county', '40401', '财政拨款收入', 'income', 'credit', '404', 2),
  ('county', '40402', '非同级财政拨款收入', 'income', 'credit', '404', 2),
  ('county', '406', '附属单位上缴收入', 'income', 'credit', NULL, 1),
  ('county', '407', '投资收益', 'income', 'credit', NULL, 1),
  ('county', '408', '其他收入', 'income', 'credit', NULL, 1),
  ('county', '411', '动用预算稳定调节基金', 'income', 'credit', NULL, 1),
  ('county', '502', '职工活动组织支出', 'expense', 'debit', NULL, 1),
  ('county', '503', '职工服务支出', 'expense', 'debit', NULL, 1),
  ('county', '50301', '劳动和技能竞赛活动支出', 'expense', 'debit', '503', 2),
  ('county', '50302', '建家活动支出', 'expense', 'debit', '503', 2),
  ('county', '50303', '职工创新活动支出', 'expense', 'debit', '503', 2),
  ('county', '50304', '职工书屋活动支出', 'expense', 'debit', '503', 2),
  ('county', '50305', '其他服务支出', 'expense', 'debit', '503', 2),
  ('county', '504', '维权支出', 'expense', 'debit', NULL, 1),
  ('county', '50401', '劳动关系协调支出', 'expense', 'debit', '504', 2),
  ('county', '50402', '劳动保护支出', 'expense', 'debit', '504', 2),
  ('county', '50403', '法律援助支出', 'expense', 'debit', '504', 2),
  ('county', '50404', '困难职工帮扶支出', 'expense', 'debit', '504', 2),
  ('county', '50405', '送温暖支出', 'expense', 'debit', '504', 2),
  ('county', '50406', '其他维权支出', 'expense', 'debit', '504', 2),
  ('county', '505', '业务支出', 'expense', 'debit', NULL, 1),
  ('county', '50501', '培训支出', 'expense', 'debit', '505', 2),
  ('county', '50502', '会议支出', 'expense', 'debit', '505', 2),
  ('county', '50503', '专项业务支出', 'expense', 'debit', '505', 2),
  ('county', '50504', '其他业务支出', 'expense', 'debit', '505', 2),
  ('county', '506', '行政支出', 'expense', 'debit', NULL, 1),
  ('county', '50601', '工资福利支出', 'expense', 'debit', '506', 2),
  ('county', '50602', '商品和服务支出', 'expense', 'debit', '506', 2),
  ('county', '50603', '对个人和家庭的补助支出', 'expense', 'debit', '506', 2),
  ('county', '50604', '其他行政支出', 'expense', 'debit', '506', 2),
  ('county', '507', '资本性支出', 'expense', 'debit', NULL, 1),
  ('county', '50701', '房屋建筑物购建', 'expense', 'debit', '507', 2),
  ('county', '50702', '办公设备购置', 'expense', 'debit', '507', 2),
  ('county', '50703', '专用设备购置', 'expense', 'debit', '507', 2),
  ('county', '50704', '交通工具购置', 'expense', 'debit', '507', 2),
  ('county', '50705', '大型修缮', 'expense', 'debit', '507', 2),
  ('county', '50706', '信息网络购建', 'expense', 'debit', '507', 2),
  ('county', '50707', '其他资本性支出', 'expense', 'debit', '507', 2),
  ('county', '508', '补助下级支出', 'expense', 'debit', NULL, 1),
  ('county', '50801', '一般性转移支付补助', 'expense', 'debit', '508', 2),
  ('county', '50802', '专项转移支付补助', 'expense', 'debit', '508', 2),
  ('county', '509', '对附属单位的支出', 'expense', 'debit', NULL, 1),
  ('county', '510', '其他支出', 'expense', 'debit', NULL, 1),
  ('county', '521', '安排预算稳定调节基金', 'expense', 'debit', NULL, 1)`);

    await q.query(`
      CREATE TABLE accounts (
        union_id uuid NOT NULL,
        code varchar(9) NOT NULL,
        name varchar(100) NOT NULL,
        category varchar(16) NOT NULL,
        normal_side varchar(6) NOT NULL,
        parent_code varchar(9),
        level smallint NOT NULL,
        is_standard boolean NOT NULL,
        is_leaf boolean NOT NULL DEFAULT true,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_accounts PRIMARY KEY (union_id, code),
        CONSTRAINT fk_accounts_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT fk_accounts_parent FOREIGN KEY (union_id, parent_code) REFERENCES accounts (union_id, code),
        CONSTRAINT ck_accounts_code CHECK (code ~ '^[0-9]{3}([0-9]{2}){0,3}$' AND length(code) = 1 + 2 * level),
        CONSTRAINT ck_accounts_parent CHECK ((level = 1) = (parent_code IS NULL)),
        CONSTRAINT ck_accounts_category CHECK (category IN ('asset', 'liability', 'net_assets', 'income', 'expense')),
        CONSTRAINT ck_accounts_normal_side CHECK (normal_side IN ('debit', 'credit'))
      )`);

    await q.query(`
      CREATE TABLE projects (
        union_id uuid NOT NULL,
        code varchar(32) NOT NULL,
        name varchar(200) NOT NULL,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_projects PRIMARY KEY (union_id, code),
        CONSTRAINT fk_projects_union FOREIGN KEY (union_id) REFERENCES unions (id)
      )`);

    await q.query(`
      CREATE TABLE periods (
        union_id uuid NOT NULL,
        period integer NOT NULL,
        status varchar(8) NOT NULL DEFAULT 'open',
        closed_at timestamptz,
        closed_by varchar(64),
        CONSTRAINT pk_periods PRIMARY KEY (union_id, period),
        CONSTRAINT fk_periods_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT ck_periods_status CHECK (status IN ('open', 'closed')),
        CONSTRAINT ck_periods_period CHECK (period BETWEEN 190001 AND 219912 AND period % 100 BETWEEN 1 AND 12)
      )`);

    await q.query(`
      CREATE TABLE period_events (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        period integer NOT NULL,
        action varchar(8) NOT NULL,
        reason varchar(500),
        actor varchar(64) NOT NULL,
        tx_id bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_period_events PRIMARY KEY (union_id, id),
        CONSTRAINT fk_period_events_period FOREIGN KEY (union_id, period) REFERENCES periods (union_id, period),
        CONSTRAINT ck_period_events_action CHECK (action IN ('close', 'reopen')),
        CONSTRAINT ck_period_events_reason CHECK (action <> 'reopen' OR length(btrim(reason)) > 0)
      )`);

    await q.query(`
      CREATE TABLE vouchers (
        union_id uuid NOT NULL,
        id uuid NOT NULL,
        voucher_date date NOT NULL,
        period integer NOT NULL,
        voucher_type varchar(10) NOT NULL,
        status varchar(8) NOT NULL,
        number integer,
        red boolean NOT NULL DEFAULT false,
        attachment_count integer NOT NULL DEFAULT 0,
        source varchar(16) NOT NULL DEFAULT 'manual',
        preparer varchar(64) NOT NULL,
        posted_by varchar(64),
        posted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_vouchers PRIMARY KEY (union_id, id),
        CONSTRAINT fk_vouchers_union FOREIGN KEY (union_id) REFERENCES unions (id),
        CONSTRAINT fk_vouchers_period FOREIGN KEY (union_id, period) REFERENCES periods (union_id, period),
        CONSTRAINT ck_vouchers_period CHECK (period = ledger_period_of(voucher_date)),
        CONSTRAINT ck_vouchers_type CHECK (voucher_type IN ('general', 'receipt', 'payment', 'transfer')),
        CONSTRAINT ck_vouchers_status CHECK (status IN ('draft', 'posted')),
        CONSTRAINT ck_vouchers_posted CHECK ((status = 'posted') = (number IS NOT NULL AND posted_at IS NOT NULL)),
        CONSTRAINT ck_vouchers_number CHECK (number IS NULL OR number > 0),
        CONSTRAINT ck_vouchers_attachments CHECK (attachment_count BETWEEN 0 AND 9999),
        CONSTRAINT ck_vouchers_source CHECK (source IN ('manual', 'reversal', 'claim', 'closing', 'import'))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX uq_vouchers_number ON vouchers (union_id, period, voucher_type, number)
        WHERE number IS NOT NULL`);
    await q.query(`CREATE INDEX ix_vouchers_status_period ON vouchers (union_id, status, period)`);

    await q.query(`
      CREATE TABLE voucher_lines (
        union_id uuid NOT NULL,
        voucher_id uuid NOT NULL,
        line_no smallint NOT NULL,
        voucher_date date NOT NULL,
        summary varchar(200) NOT NULL,
        account_code varchar(9) NOT NULL,
        debit numeric(18,2) NOT NULL DEFAULT 0,
        credit numeric(18,2) NOT NULL DEFAULT 0,
        project_code varchar(32),
        fund_type varchar(12),
        CONSTRAINT pk_voucher_lines PRIMARY KEY (union_id, voucher_id, line_no),
        CONSTRAINT fk_voucher_lines_voucher FOREIGN KEY (union_id, voucher_id) REFERENCES vouchers (union_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_voucher_lines_account FOREIGN KEY (union_id, account_code) REFERENCES accounts (union_id, code),
        CONSTRAINT fk_voucher_lines_project FOREIGN KEY (union_id, project_code) REFERENCES projects (union_id, code),
        CONSTRAINT ck_voucher_lines_one_side CHECK ((debit = 0) <> (credit = 0)),
        CONSTRAINT ck_voucher_lines_line_no CHECK (line_no >= 1),
        CONSTRAINT ck_voucher_lines_fund_type CHECK (fund_type IS NULL OR fund_type IN ('restricted', 'unrestricted'))
      )`);
    await q.query(`CREATE INDEX ix_voucher_lines_account ON voucher_lines (union_id, account_code, voucher_date)`);

    await q.query(`
      CREATE TABLE voucher_sequences (
        union_id uuid NOT NULL,
        period integer NOT NULL,
        voucher_type varchar(10) NOT NULL,
        last_number integer NOT NULL,
        CONSTRAINT pk_voucher_sequences PRIMARY KEY (union_id, period, voucher_type),
        CONSTRAINT fk_voucher_sequences_period FOREIGN KEY (union_id, period) REFERENCES periods (union_id, period),
        CONSTRAINT ck_voucher_sequences_last CHECK (last_number >= 1)
      )`);

    await q.query(`
      CREATE TABLE voucher_reversals (
        union_id uuid NOT NULL,
        original_id uuid NOT NULL,
        reversal_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_voucher_reversals PRIMARY KEY (union_id, original_id),
        CONSTRAINT uq_voucher_reversals_reversal UNIQUE (union_id, reversal_id),
        CONSTRAINT fk_voucher_reversals_original FOREIGN KEY (union_id, original_id) REFERENCES vouchers (union_id, id),
        CONSTRAINT fk_voucher_reversals_reversal FOREIGN KEY (union_id, reversal_id) REFERENCES vouchers (union_id, id),
        CONSTRAINT ck_voucher_reversals_distinct CHECK (original_id <> reversal_id)
      )`);

    await q.query(`
      CREATE TABLE opening_balances (
        union_id uuid NOT NULL,
        account_code varchar(9) NOT NULL,
        amount numeric(18,2) NOT NULL,
        CONSTRAINT pk_opening_balances PRIMARY KEY (union_id, account_code),
        CONSTRAINT fk_opening_balances_account FOREIGN KEY (union_id, account_code) REFERENCES accounts (union_id, code),
        CONSTRAINT ck_opening_balances_nonzero CHECK (amount <> 0)
      )`);

    await q.query(`
      CREATE TABLE account_balances (
        union_id uuid NOT NULL,
        account_code varchar(9) NOT NULL,
        period integer NOT NULL,
        opening numeric(18,2) NOT NULL DEFAULT 0,
        debit numeric(18,2) NOT NULL DEFAULT 0,
        credit numeric(18,2) NOT NULL DEFAULT 0,
        closing numeric(18,2) NOT NULL DEFAULT 0,
        CONSTRAINT pk_account_balances PRIMARY KEY (union_id, account_code, period),
        CONSTRAINT fk_account_balances_account FOREIGN KEY (union_id, account_code) REFERENCES accounts (union_id, code),
        CONSTRAINT ck_account_balances_closing CHECK (closing = opening + debit - credit)
      )`);

    await this.createGuards(q);
  }

  private async createGuards(q: QueryRunner): Promise<void> {
    // A voucher is born a draft; posting is the one UPDATE from draft to posted. Posted rows never change.
    // Every voucher write lands in an open period (the share lock makes a concurrent close wait). Posting
    // takes the union's posting lock and the next number of its union, period and type from a counter row
    // whose lock is held to commit, so numbers are gapless and unique whatever the caller sends.
    await q.query(`
      CREATE FUNCTION ledger_vouchers_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_status varchar;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status = 'posted' THEN
            RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = format('posted voucher %s cannot be deleted', OLD.id);
          END IF;
          RETURN OLD;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.status = 'posted' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = format('posted voucher %s cannot be changed', OLD.id);
        END IF;
        IF TG_OP = 'INSERT' AND NEW.status <> 'draft' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = 'vouchers are inserted as drafts and posted by update';
        END IF;
        IF NEW.status = 'posted' THEN
          -- postings of one union are serialized (later periods' balances, first-posting checks); the
          -- service takes the same lock first, so here it is normally held already
          PERFORM pg_advisory_xact_lock(hashtextextended('union:' || NEW.union_id::text, 0));
        END IF;
        SELECT status INTO v_status FROM periods WHERE union_id = NEW.union_id AND period = NEW.period FOR SHARE;
        IF NOT FOUND THEN
          INSERT INTO periods (union_id, period) VALUES (NEW.union_id, NEW.period) ON CONFLICT DO NOTHING;
          SELECT status INTO v_status FROM periods WHERE union_id = NEW.union_id AND period = NEW.period FOR SHARE;
        END IF;
        IF v_status <> 'open' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL001', MESSAGE = format('period %s of union %s is closed', NEW.period, NEW.union_id);
        END IF;
        IF NEW.status = 'posted' THEN
          INSERT INTO voucher_sequences AS s (union_id, period, voucher_type, last_number)
            VALUES (NEW.union_id, NEW.period, NEW.voucher_type, 1)
            ON CONFLICT (union_id, period, voucher_type) DO UPDATE SET last_number = s.last_number + 1
            RETURNING s.last_number INTO NEW.number;
          NEW.posted_at := now();
        ELSE
          NEW.number := NULL;
          NEW.posted_at := NULL;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER vouchers_guard BEFORE INSERT OR UPDATE OR DELETE ON vouchers
        FOR EACH ROW EXECUTE FUNCTION ledger_vouchers_guard()`);

    // Checked at commit: a posted voucher has two or more lines, balances, carries amounts of the sign its
    // colour demands and its own date on every line, and uses only active leaf accounts.
    await q.query(`
      CREATE FUNCTION ledger_voucher_posted_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r record;
      BEGIN
        SELECT count(*) AS n,
               coalesce(sum(l.debit), 0) AS dr,
               coalesce(sum(l.credit), 0) AS cr,
               count(*) FILTER (WHERE CASE WHEN NEW.red THEN l.debit + l.credit >= 0 ELSE l.debit + l.credit <= 0 END) AS wrong_sign,
               count(*) FILTER (WHERE l.voucher_date <> NEW.voucher_date) AS wrong_date,
               count(*) FILTER (WHERE NOT a.is_leaf OR NOT a.is_active) AS bad_account
          INTO r
          FROM voucher_lines l
          JOIN accounts a ON a.union_id = l.union_id AND a.code = l.account_code
         WHERE l.union_id = NEW.union_id AND l.voucher_id = NEW.id;
        IF r.n < 2 OR r.dr <> r.cr THEN
          RAISE EXCEPTION USING ERRCODE = 'UL003',
            MESSAGE = format('posted voucher %s is unbalanced: %s lines, debit %s, credit %s', NEW.id, r.n, r.dr, r.cr);
        END IF;
        IF r.wrong_sign > 0 OR r.wrong_date > 0 THEN
          RAISE EXCEPTION USING ERRCODE = 'UL003',
            MESSAGE = format('posted voucher %s has lines of the wrong sign or date', NEW.id);
        END IF;
        IF r.bad_account > 0 THEN
          RAISE EXCEPTION USING ERRCODE = 'UL004',
            MESSAGE = format('posted voucher %s uses an inactive or non-leaf account', NEW.id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER vouchers_posted_check AFTER UPDATE ON vouchers
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW WHEN (NEW.status = 'posted') EXECUTE FUNCTION ledger_voucher_posted_check()`);

    // Balances follow postings inside the posting statement: the voucher's activity per account is added to
    // its period row (created from the previous row's closing) and carried into the opening and closing of
    // any later period. Runs after the union's posting lock was taken, so it reads committed balances.
    await q.query(`
      CREATE FUNCTION ledger_apply_posting() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO account_balances AS b (union_id, account_code, period, opening, debit, credit, closing)
        SELECT NEW.union_id, d.account_code, NEW.period, coalesce(prev.closing, 0), d.debit, d.credit,
               coalesce(prev.closing, 0) + d.debit - d.credit
          FROM (SELECT l.account_code, sum(l.debit) AS debit, sum(l.credit) AS credit
                  FROM voucher_lines l
                 WHERE l.union_id = NEW.union_id AND l.voucher_id = NEW.id
                 GROUP BY l.account_code) d
          LEFT JOIN LATERAL (
                SELECT p.closing FROM account_balances p
                 WHERE p.union_id = NEW.union_id AND p.account_code = d.account_code AND p.period < NEW.period
                 ORDER BY p.period DESC LIMIT 1) prev ON true
        ON CONFLICT (union_id, account_code, period) DO UPDATE
           SET debit = b.debit + EXCLUDED.debit,
               credit = b.credit + EXCLUDED.credit,
               closing = b.closing + EXCLUDED.debit - EXCLUDED.credit;
        UPDATE account_balances b
           SET opening = b.opening + d.debit - d.credit,
               closing = b.closing + d.debit - d.credit
          FROM (SELECT l.account_code, sum(l.debit) AS debit, sum(l.credit) AS credit
                  FROM voucher_lines l
                 WHERE l.union_id = NEW.union_id AND l.voucher_id = NEW.id
                 GROUP BY l.account_code) d
         WHERE b.union_id = NEW.union_id AND b.account_code = d.account_code AND b.period > NEW.period;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER vouchers_apply_posting AFTER UPDATE ON vouchers
        FOR EACH ROW WHEN (OLD.status = 'draft' AND NEW.status = 'posted') EXECUTE FUNCTION ledger_apply_posting()`);

    // Lines belong to drafts: once their voucher is posted, no line of it may be added, changed or removed.
    await q.query(`
      CREATE FUNCTION ledger_voucher_lines_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
          SELECT 1 FROM vouchers v WHERE v.union_id = OLD.union_id AND v.id = OLD.voucher_id AND v.status = 'posted') THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = format('lines of posted voucher %s cannot be changed', OLD.voucher_id);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
          SELECT 1 FROM vouchers v WHERE v.union_id = NEW.union_id AND v.id = NEW.voucher_id AND v.status = 'posted') THEN
          RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = format('lines cannot be added to posted voucher %s', NEW.voucher_id);
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER voucher_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON voucher_lines
        FOR EACH ROW EXECUTE FUNCTION ledger_voucher_lines_guard()`);

    await q.query(`
      CREATE FUNCTION ledger_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION USING ERRCODE = 'UL002', MESSAGE = format('%s on %s is not allowed', TG_OP, TG_TABLE_NAME);
      END $$`);
    for (const table of ['vouchers', 'voucher_lines', 'voucher_reversals', 'voucher_sequences', 'period_events', 'periods']) {
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change()`);
    }
    for (const table of ['voucher_reversals', 'period_events']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION ledger_reject_change()`);
    }

    // The counter only moves one step at a time, and only from inside the voucher trigger: a hand-made
    // UPDATE that skipped numbers would leave a gap.
    await q.query(`
      CREATE FUNCTION ledger_voucher_sequences_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR pg_trigger_depth() < 2
           OR (TG_OP = 'INSERT' AND NEW.last_number <> 1)
           OR (TG_OP = 'UPDATE' AND (NEW.last_number <> OLD.last_number + 1
               OR (NEW.union_id, NEW.period, NEW.voucher_type) IS DISTINCT FROM (OLD.union_id, OLD.period, OLD.voucher_type))) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL007', MESSAGE = 'voucher numbers are assigned only by posting';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER voucher_sequences_guard BEFORE INSERT OR UPDATE OR DELETE ON voucher_sequences
        FOR EACH ROW EXECUTE FUNCTION ledger_voucher_sequences_guard()`);

    // Closed periods stay closed: a period row is never deleted (a missing row would read as open), and it
    // reopens only in a transaction that recorded a reopen event with its reason.
    await q.query(`
      CREATE FUNCTION ledger_periods_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION USING ERRCODE = 'UL008', MESSAGE = 'periods are never deleted';
        END IF;
        IF OLD.status = 'closed' AND NEW.status = 'open' AND NOT EXISTS (
          SELECT 1 FROM period_events e
           WHERE e.union_id = NEW.union_id AND e.period = NEW.period AND e.action = 'reopen'
             AND e.tx_id = pg_current_xact_id()::text::bigint) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL008', MESSAGE = format('period %s can only be reopened with a recorded reason', NEW.period);
        END IF;
        IF (NEW.union_id, NEW.period) IS DISTINCT FROM (OLD.union_id, OLD.period) THEN
          RAISE EXCEPTION USING ERRCODE = 'UL008', MESSAGE = 'a period cannot be renamed';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER periods_guard BEFORE UPDATE OR DELETE ON periods
        FOR EACH ROW EXECUTE FUNCTION ledger_periods_guard()`);

    await q.query(`
      CREATE FUNCTION ledger_period_events_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.tx_id := pg_current_xact_id()::text::bigint;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER period_events_stamp BEFORE INSERT ON period_events
        FOR EACH ROW EXECUTE FUNCTION ledger_period_events_stamp()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'account_balances', 'opening_balances', 'voucher_reversals', 'voucher_sequences', 'voucher_lines',
      'vouchers', 'period_events', 'periods', 'projects', 'accounts', 'chart_template_accounts', 'unions', 'centers',
    ]) {
      await q.query(`DROP TABLE ${table} CASCADE`);
    }
    for (const fn of [
      'ledger_period_events_stamp', 'ledger_periods_guard', 'ledger_voucher_sequences_guard', 'ledger_reject_change',
      'ledger_voucher_lines_guard', 'ledger_apply_posting', 'ledger_voucher_posted_check', 'ledger_vouchers_guard',
    ]) {
      await q.query(`DROP FUNCTION ${fn}()`);
    }
    await q.query(`DROP FUNCTION ledger_period_of(date)`);
  }
}
