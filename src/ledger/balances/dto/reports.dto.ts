import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination.dto';
import { IsCalendarDate } from '../../../common/validation/is-calendar-date.decorator';
import { IsAccountCode, IsPeriod } from '../../../common/validation/formats.decorator';

export class TrialBalanceQuery {
  @ApiProperty({ title: '起始期间', example: '2026-01' })
  @IsPeriod()
  from: string;

  @ApiProperty({ title: '截止期间', example: '2026-03' })
  @IsPeriod()
  to: string;

  @ApiPropertyOptional({ title: '包含零余额科目', enum: ['true', 'false'], default: 'false', description: '包含余额和发生额均为零的科目' })
  @IsOptional() @IsIn(['true', 'false'])
  includeZero?: 'true' | 'false';
}

export class LedgerQuery extends PageQuery {
  @ApiProperty({ title: '科目', example: '10201' })
  @IsAccountCode()
  account: string;

  @ApiProperty({ title: '起始期间', example: '2026-01' })
  @IsPeriod()
  from: string;

  @ApiProperty({ title: '截止期间', example: '2026-03' })
  @IsPeriod()
  to: string;
}

export class BalanceQuery {
  @ApiProperty({ title: '截止日期', example: '2026-03-31', description: '截至该日（含）' })
  @IsCalendarDate()
  date: string;
}

export class DirectedAmount {
  @ApiProperty({ enum: ['借', '贷', '平'] }) direction: string;
  @ApiProperty({ example: '1500.00' }) amount: string;
}

export class TrialBalanceTotals {
  @ApiProperty() openingDebit: string;
  @ApiProperty() openingCredit: string;
  @ApiProperty() debit: string;
  @ApiProperty() credit: string;
  @ApiProperty() closingDebit: string;
  @ApiProperty() closingCredit: string;
}

export class TrialBalanceRowResponse extends TrialBalanceTotals {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() level: number;
  @ApiProperty() category: string;
  @ApiProperty() normalSide: string;
  @ApiProperty() leaf: boolean;
}

export class TrialBalanceResponse {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [TrialBalanceRowResponse] }) rows: TrialBalanceRowResponse[];
  @ApiProperty({ type: TrialBalanceTotals, description: '一级科目合计' }) totals: TrialBalanceTotals;
  @ApiProperty({ description: '期初、发生额、期末借贷合计均相等' }) balanced: boolean;
}

export class LedgerLineResponse {
  @ApiProperty() date: string;
  @ApiProperty() voucherId: string;
  @ApiProperty({ example: '记-202603-0001' }) voucherNumber: string;
  @ApiProperty() summary: string;
  @ApiProperty() account: string;
  @ApiProperty({ nullable: true, type: String }) debit: string | null;
  @ApiProperty({ nullable: true, type: String }) credit: string | null;
  @ApiProperty({ enum: ['借', '贷', '平'] }) direction: string;
  @ApiProperty() balance: string;
}

export class LedgerPeriodResponse {
  @ApiProperty() period: string;
  @ApiProperty({ description: '本月合计借方' }) debit: string;
  @ApiProperty({ description: '本月合计贷方' }) credit: string;
  @ApiProperty({ description: '本年累计借方' }) yearDebit: string;
  @ApiProperty({ description: '本年累计贷方' }) yearCredit: string;
  @ApiProperty({ type: DirectedAmount }) closing: DirectedAmount;
}

export class LedgerResponse {
  @ApiProperty() account: string;
  @ApiProperty() accountName: string;
  @ApiProperty() accountPath: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: DirectedAmount, description: '期初余额' }) opening: DirectedAmount;
  @ApiProperty({ type: [LedgerLineResponse] }) lines: LedgerLineResponse[];
  @ApiProperty({ type: [LedgerPeriodResponse] }) periods: LedgerPeriodResponse[];
  @ApiProperty({ type: DirectedAmount, description: '期末余额' }) closing: DirectedAmount;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class AccountBalanceResponse {
  @ApiProperty() account: string;
  @ApiProperty() accountName: string;
  @ApiProperty() date: string;
  @ApiProperty({ description: '借方为正的余额', example: '-1500.00' }) signed: string;
  @ApiProperty({ enum: ['借', '贷', '平'] }) direction: string;
  @ApiProperty() amount: string;
}

export class FundsResponse {
  @ApiProperty({ example: '10201', description: '本工会在中心统一账户中的（默认）份额科目；没有份额时为 null', nullable: true, type: String })
  account: string | null;
  @ApiProperty({ example: '12000.00', description: '已过账余额' }) balance: string;
  @ApiProperty({ example: '3000.00', description: '已批准未支付的预留' }) reserved: string;
  @ApiProperty({ example: '9000.00', description: '可用资金 = 余额 − 预留，永不为负' }) available: string;
}
