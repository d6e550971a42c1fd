/**
 * The XML Schema of our GB/T 24589 export ("the schema we document"): shipped inside every export as
 * gbt24589.xsd, checked by test/e2e/interchange-gbt.e2e-spec.ts with xmllint. Element order is fixed; optional
 * data elements are minOccurs="0". Keep in step with gbt-records.ts.
 */
const seq = (fields: string) => `<xs:complexType><xs:sequence>${fields}</xs:sequence></xs:complexType>`;
const el = (name: string, type: string, optional = false) => `<xs:element name="${name}" type="${type}"${optional ? ' minOccurs="0"' : ''}/>`;
const table = (name: string, row: string) => `<xs:element name="${name}">${seq(`<xs:element ref="${row}" minOccurs="0" maxOccurs="unbounded"/>`)}</xs:element>`;
const rowEl = (name: string, fields: string) => `<xs:element name="${name}">${seq(fields)}</xs:element>`;

const ROOT_ATTRS = `<xs:attribute name="标准" type="xs:string" use="required"/><xs:attribute name="格式版本" type="xs:string" use="required"/>`;

export const GBT_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:simpleType name="金额"><xs:restriction base="xs:decimal"><xs:totalDigits value="18"/><xs:fractionDigits value="2"/><xs:pattern value="-?\\d+\\.\\d{2}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="非负金额"><xs:restriction base="金额"><xs:minInclusive value="0.00"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="期间"><xs:restriction base="xs:string"><xs:pattern value="\\d{4}-(0[1-9]|1[0-2])"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="是否"><xs:restriction base="xs:string"><xs:enumeration value="是"/><xs:enumeration value="否"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="余额方向"><xs:restriction base="xs:string"><xs:enumeration value="借"/><xs:enumeration value="贷"/><xs:enumeration value="平"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="科目方向"><xs:restriction base="xs:string"><xs:enumeration value="借"/><xs:enumeration value="贷"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="科目编号"><xs:restriction base="xs:string"><xs:pattern value="\\d{3}(\\d{2}){0,3}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="科目类别"><xs:restriction base="xs:string"><xs:enumeration value="资产"/><xs:enumeration value="负债"/><xs:enumeration value="净资产"/><xs:enumeration value="收入"/><xs:enumeration value="支出"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="凭证类型编号"><xs:restriction base="xs:string"><xs:enumeration value="general"/><xs:enumeration value="receipt"/><xs:enumeration value="payment"/><xs:enumeration value="transfer"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="资金性质"><xs:restriction base="xs:string"><xs:enumeration value="restricted"/><xs:enumeration value="unrestricted"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="文本"><xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="200"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="名称"><xs:restriction base="xs:string"><xs:maxLength value="200"/></xs:restriction></xs:simpleType>

  <!-- 公共档案.xml: 电子账簿、会计期间、凭证类型、币种、辅助核算 -->
  <xs:element name="公共档案">
    <xs:complexType><xs:sequence>
      ${rowEl('电子账簿', [
        el('电子账簿编号', '文本'), el('电子账簿名称', '文本'), el('会计核算单位', '文本'), el('单位代码', '文本'), el('单位性质', '文本'),
        el('记账单位', '文本'), el('会计制度', '文本'), el('科目模板', '文本'), el('凭证编号方式', '文本'), el('本位币', '文本'),
        el('启用期间', '期间'), el('起始期间', '期间'), el('截止期间', '期间'), el('软件名称', '文本'), el('软件版本', '文本'),
        el('导出时间', 'xs:dateTime'), el('导出人', '文本'),
      ].join(''))}
      ${table('会计期间表', '会计期间')}
      ${table('凭证类型表', '凭证类型')}
      ${table('币种表', '币种')}
      ${table('辅助核算类型表', '辅助核算类型')}
      ${table('辅助核算项目表', '辅助核算项目')}
    </xs:sequence>${ROOT_ATTRS}</xs:complexType>
  </xs:element>
  ${rowEl('会计期间', [el('会计年度', 'xs:int'), el('会计期间号', 'xs:int'), el('会计期间', '期间'), el('起始日期', 'xs:date'), el('结束日期', 'xs:date'), el('结账标志', '是否')].join(''))}
  ${rowEl('凭证类型', [el('凭证类型编号', '凭证类型编号'), el('凭证字', '文本'), el('凭证类型名称', '文本')].join(''))}
  ${rowEl('币种', [el('币种编码', '文本'), el('币种名称', '文本'), el('本位币标志', '是否')].join(''))}
  ${rowEl('辅助核算类型', [el('辅助核算类型编号', '文本'), el('辅助核算类型名称', '文本')].join(''))}
  ${rowEl('辅助核算项目', [el('辅助核算类型编号', '文本'), el('辅助核算项目编号', '文本'), el('辅助核算项目名称', '文本'), el('启用标志', '是否')].join(''))}

  <!-- 总账.xml: 科目表参数、科目结构、科目表、期初余额、科目余额及发生额、记账凭证、财务报表 -->
  <xs:element name="总账">
    <xs:complexType><xs:sequence>
      ${rowEl('科目表参数', [el('科目编码规则', '文本'), el('科目级数', 'xs:int'), el('科目编码最大长度', 'xs:int')].join(''))}
      ${table('科目结构表', '科目结构')}
      ${table('科目表', '科目')}
      ${table('期初余额表', '期初余额')}
      ${table('科目余额及发生额表', '科目余额及发生额')}
      ${table('记账凭证表', '记账凭证')}
      ${table('财务报表表', '财务报表')}
    </xs:sequence>${ROOT_ATTRS}</xs:complexType>
  </xs:element>
  ${rowEl('科目结构', [el('科目级次', 'xs:int'), el('科目编码长度', 'xs:int'), el('累计编码长度', 'xs:int')].join(''))}
  ${rowEl('科目', [
    el('科目编号', '科目编号'), el('科目名称', '文本'), el('科目级次', 'xs:int'), el('上级科目编号', '科目编号', true), el('科目类别', '科目类别'),
    el('余额方向', '科目方向'), el('末级标志', '是否'), el('标准科目标志', '是否'), el('启用标志', '是否'),
  ].join(''))}
  ${rowEl('期初余额', [el('科目编号', '科目编号'), el('项目编号', '文本', true), el('余额方向', '余额方向'), el('余额', '非负金额')].join(''))}
  ${rowEl('科目余额及发生额', [
    el('会计期间', '期间'), el('科目编号', '科目编号'), el('期初余额方向', '余额方向'), el('期初余额', '非负金额'),
    el('借方发生额', '金额'), el('贷方发生额', '金额'), el('期末余额方向', '余额方向'), el('期末余额', '非负金额'),
  ].join(''))}
  ${rowEl('记账凭证', [
    el('凭证日期', 'xs:date'), el('会计期间', '期间'), el('凭证类型编号', '凭证类型编号'), el('凭证字', '文本'), el('凭证编号', 'xs:positiveInteger'),
    el('附件数', 'xs:nonNegativeInteger'), el('红字标志', '是否'), el('冲销凭证号', '文本', true), el('凭证来源', '文本'), el('制单人', '文本'),
    el('审核人', '文本', true), el('出纳', '文本', true), el('记账人', '文本'), el('制单时间', 'xs:dateTime'), el('记账时间', 'xs:dateTime'),
    '<xs:element ref="分录" minOccurs="2" maxOccurs="unbounded"/>',
  ].join(''))}
  ${rowEl('分录', [
    el('分录序号', 'xs:positiveInteger'), el('摘要', '文本'), el('科目编号', '科目编号'), el('借方金额', '金额'), el('贷方金额', '金额'),
    el('项目编号', '文本', true), el('资金性质', '资金性质', true),
  ].join(''))}
  ${rowEl('财务报表', [el('报表编号', '文本'), el('报表名称', '文本'), el('会计期间', '期间'), el('报表期间类型', '文本'), '<xs:element ref="报表项目" maxOccurs="unbounded"/>'].join(''))}
  ${rowEl('报表项目', [el('行次', 'xs:int'), el('项目编号', '文本'), el('项目名称', '文本'), el('数值1', '金额', true), el('数值2', '金额', true), el('数值3', '金额', true), el('数值4', '金额', true)].join(''))}
</xs:schema>
`;
