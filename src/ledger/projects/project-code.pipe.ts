import { codeParam } from '../../common/http/code-param.pipe';
import { PROJECT_CODE_PATTERN } from '../vouchers/dto/voucher.dto';

export const ProjectCodeParam = codeParam(PROJECT_CODE_PATTERN, '项目', 'P2026-01');
