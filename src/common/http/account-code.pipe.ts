import { ACCOUNT_CODE_PATTERN } from '../../ledger/domain/account-rules';
import { codeParam } from './code-param.pipe';

/** Account codes in paths are digits only; anything else names no account. */
export const AccountCodeParam = codeParam(ACCOUNT_CODE_PATTERN, '科目', '10201');
