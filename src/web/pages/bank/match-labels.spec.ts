import openapiDocument from '../../../../docs/openapi.json';
import { MATCH_CONFIDENCE, MATCH_RULE, matchConfidence, matchRuleLabel } from './match-labels';

// the API's own enums, from the committed OpenAPI document the web client is generated from
const openapi = openapiDocument as unknown as {
  components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
};
const matchEnum = (field: string) => openapi.components.schemas.MatchResponse.properties[field].enum ?? [];
const latin = /[A-Za-z]/;

describe('match labels (勾对 queue)', () => {
  it('labels every rule the API can answer, transfers included, in Chinese only', () => {
    const rules = matchEnum('rule');
    expect(rules).toEqual(expect.arrayContaining(['transfer', 'transfer_window']));
    for (const rule of rules) {
      expect(matchRuleLabel(rule)).toBe(MATCH_RULE[rule as keyof typeof MATCH_RULE]);
      expect(matchRuleLabel(rule)).not.toMatch(latin);
    }
    expect(Object.keys(MATCH_RULE).sort()).toEqual([...rules].sort());
  });
  it('tells the two transfer kinds apart: the windowed one still needs a person', () => {
    expect(MATCH_RULE.transfer).toContain('内部划转');
    expect(MATCH_RULE.transfer_window).toContain('待确认');
    expect(MATCH_RULE.transfer).not.toBe(MATCH_RULE.transfer_window);
  });
  it('labels every confidence in Chinese', () => {
    for (const c of matchEnum('confidence')) expect(matchConfidence(c).label).not.toMatch(latin);
    expect(Object.keys(MATCH_CONFIDENCE).sort()).toEqual([...matchEnum('confidence')].sort());
  });
  it('never shows a code it does not know', () => {
    expect(matchRuleLabel('something_new')).toBe('其他规则');
    expect(matchConfidence('x').label).not.toMatch(latin);
  });
});
