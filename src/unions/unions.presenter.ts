import { formatPeriod } from '../common/period';
import { Center } from './center.entity';
import { CenterResponse } from './dto/center.dto';
import { UnionResponse } from './dto/union.dto';
import { UnionView } from './unions.repository';

export function presentCenter(c: Center): CenterResponse {
  return { id: c.id, code: c.code, name: c.name, createdAt: c.createdAt.toISOString() };
}

export function presentUnion(u: UnionView): UnionResponse {
  return {
    id: u.id,
    centerId: u.centerId,
    code: u.code,
    name: u.name,
    chartTemplate: u.chartTemplate,
    firstPeriod: formatPeriod(u.firstPeriod),
    status: u.status,
    voucherNumbering: u.voucherNumbering,
    agreementNumber: u.agreementNumber,
    agreementDate: u.agreementDate,
    fundingAccountCode: u.fundingAccountCode,
    createdAt: u.createdAt.toISOString(),
  };
}
