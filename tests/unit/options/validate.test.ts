import { beforeAll, describe, expect, it } from 'vitest';
import { loadAllowlistCheck } from '../../../utils/options/allowlist-check';
import { formFromSettings, type OptionsForm } from '../../../utils/options/form';
import {
  allowlistProblems,
  baseUrlError,
  createPathError,
  dateError,
  duplicateFields,
  duplicateTypes,
  idPathsError,
  linkTemplateError,
  rateError,
  templateBodyProblem,
  uiUrlError,
  validateForm,
} from '../../../utils/options/validate';
import { defaultSettings } from '../../../utils/settings/defaults';

const fresh = (): OptionsForm => formFromSettings(defaultSettings(), { ctix: false, cftr: false });

// The page loads the allowlist check on demand; these tests check the rules once it is there.
beforeAll(async () => {
  await loadAllowlistCheck();
});

describe('validateForm', () => {
  it('has nothing to say about the defaults', () => {
    expect(validateForm(fresh())).toEqual({});
  });

  it('keys each problem by the field it belongs to', () => {
    const form = fresh();
    form.ctix.baseUrl = 'http://tenant.cyware.com/ctixapi/';
    form.cftr.expiresOn = '2025-02-30';
    form.mapping[0]!.respondField = '1bad';
    form.mapping[1]!.ctixTypes = [];
    form.template.body = '{\n  "title": "{{title}}",\n  "x": "{{nope}}"\n}';
    form.routes.bulletin = '/ctix/bulletin';
    form.extraction.allowlist = 'ok.example\nhttp://bad.example\n\n10.0.0.0/99';
    form.rateLimits.cftrPerMinute = '0';
    const errors = validateForm(form);
    expect(Object.keys(errors).toSorted()).toEqual(
      [
        'ctix.baseUrl',
        'cftr.expiresOn',
        `mapping.${form.mapping[0]!.key}.respondField`,
        `mapping.${form.mapping[1]!.key}.ctixTypes`,
        'template.body',
        'routes.bulletin',
        'extraction.allowlist',
        'rateLimits.cftrPerMinute',
      ].toSorted(),
    );
    expect(errors['ctix.baseUrl']).toMatch(/https/);
    expect(errors['template.body']).toMatch(
      /^Line 3, column \d+: Unknown placeholder \{\{nope\}\}/,
    );
    expect(errors['extraction.allowlist']).toMatch(/Line 2: .*Line 4: /);
  });
});

describe('field checks', () => {
  it('accepts what users paste as URLs, refuses plain http outside loopback', () => {
    expect(baseUrlError('ctix', '')).toBeNull();
    expect(baseUrlError('ctix', 'tenant.cyware.com/ctixapi')).toBeNull();
    expect(baseUrlError('ctix', 'http://127.0.0.1:8787/ctixapi/')).toBeNull();
    expect(baseUrlError('cftr', 'https://t.cyware.com/ctixapi/')).toMatch(/Intel Exchange URL/);
    expect(uiUrlError('http://localhost:1/cftr/')).toBeNull();
    expect(uiUrlError('http://ui.example/cftr/')).toMatch(/https/);
    expect(uiUrlError('nope')).toMatch(/not a valid URL/);
  });

  it('checks dates are real calendar dates', () => {
    expect(dateError('')).toBeNull();
    expect(dateError('2028-02-29')).toBeNull();
    expect(dateError('2027-02-29')).toMatch(/not a calendar date/);
    expect(dateError('02/03/2027')).toMatch(/YYYY-MM-DD/);
  });

  it('keeps the create path relative to the Respond base', () => {
    expect(createPathError('v1/incident/')).toBeNull();
    expect(createPathError('')).toMatch(/Enter/);
    expect(createPathError('https://evil.example/x')).toMatch(/not a full URL/);
    expect(createPathError('../../admin/')).toMatch(/inside/);
  });

  it('checks ID paths and the incident link', () => {
    expect(idPathsError('unique_id, data.incident_uuid\nresults.0.id')).toBeNull();
    expect(idPathsError(' , ')).toMatch(/at least one/);
    expect(idPathsError('data..id')).toMatch(/dotted path/);
    expect(linkTemplateError('{ui}incidents/{unique_id}/')).toBeNull();
    expect(linkTemplateError('{ui}incidents/{uuid}/')).toMatch(/Unknown placeholder \{uuid\}/);
    expect(linkTemplateError('javascript:alert({unique_id})')).toMatch(/http\(s\) URL/);
  });

  it('checks rates are whole numbers in range', () => {
    expect(rateError('90')).toBeNull();
    expect(rateError('1.5')).toMatch(/whole number/);
    expect(rateError('10001')).toMatch(/1 to 10000/);
  });

  it('reports the template problem with its line and column', () => {
    expect(
      templateBodyProblem('{"title": "{{title}}", "description": "{{description}}"}'),
    ).toBeNull();
    const problem = templateBodyProblem(
      '{\n  "title": "{{title}}",\n  "description": {{description}}\n}',
    );
    expect(problem).toMatchObject({ line: 3 });
    expect(problem?.message).toBeTruthy();
  });

  it('validates allowlist entries line by line with their line numbers', () => {
    expect(allowlistProblems('*.corp.example\n10.0.0.0/8\n\n2001:db8::/32')).toEqual([]);
    const problems = allowlistProblems('\n*.com\nuser@corp.example');
    expect(problems.map((p) => p.line)).toEqual([2, 3]);
    expect(problems[0]!.message).toMatch(/\*\.com|suffix/);
  });
});

describe('mapping checks', () => {
  it('flags an Intel Exchange type mapped in two rows (any letter case)', () => {
    const form = fresh();
    const [a, b] = form.mapping;
    // user-agent: a type no default row maps (SSDEEP has a default row since issue 15).
    a!.ctixTypes = ['ipv4-addr', 'user-agent'];
    b!.ctixTypes = ['USER-AGENT'];
    const dupes = duplicateTypes(form.mapping);
    expect([...dupes.keys()]).toEqual(['user-agent']);
    expect(dupes.get('user-agent')).toEqual([a!.key, b!.key]);
    expect(duplicateTypes(fresh().mapping).size).toBe(0);
  });

  it('flags a Respond field named twice', () => {
    const form = fresh();
    form.mapping[1]!.respondField = form.mapping[0]!.respondField;
    expect([...duplicateFields(form.mapping)]).toEqual([form.mapping[0]!.respondField]);
  });
});
