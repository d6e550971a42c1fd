import type { ArchiveVerification } from './package-verifier';

const mark = (ok: boolean) => (ok ? '通过' : '不通过');

/** The verification as an archivist reads it on a terminal. */
export function describeVerification(file: string, r: ArchiveVerification): string {
  const p = r.manifest?.package;
  const u = r.manifest?.union;
  const keyLine =
    r.authenticity.trusted === null ? `（未指定信任的公钥，指纹 ${r.authenticity.fingerprint ?? '?'} 未核对）` : r.authenticity.trusted ? '（本中心信任的密钥）' : '（不是信任的密钥）';
  return [
    `档案包：${file}`,
    ...(p && u ? [`工会：${u.name}（${u.code}），${p.from} 至 ${p.to}，第 ${p.version} 版，${p.createdAt} 由 ${p.createdBy} 生成`] : []),
    `真实性：${mark(r.authenticity.ok)}　元数据签名 ${r.authenticity.signature}，检查点签名 ${r.authenticity.checkpoint}${keyLine}`,
    `完整性：${mark(r.integrity.ok)}　登记 ${r.integrity.listed} 个文件，在包内 ${r.integrity.present} 个，被改动 ${r.integrity.tampered.length} 个，多余 ${r.integrity.extra.length} 个`,
    `可用性：${mark(r.usability.ok)}`,
    `安全性：${mark(r.security.ok)}`,
    ...r.problems.map((x) => `  - ${x}`),
    r.ok ? '结论：通过' : '结论：不通过',
  ].join('\n');
}
