// A business-rule file as the EU gateway and national backends distribute it: a JSON list of rule
// objects (Identifier, Type, Country, CertificateType, Version, ValidFrom/ValidTo, AffectedFields,
// Engine, Logic …). Parsing checks the shape of every rule and the CertLogic format of its Logic
// with the reference implementation's own validator, so an unknown operator or a malformed
// expression is refused when the file is loaded, never at the moment a citizen is waiting.
// docs/business-rules.md describes the format and how a file is updated.
import certlogicValidation from 'certlogic-js/dist/validation/index.js';
import { z } from 'zod';
import { fail, ok, type Result } from '../result';

const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'must be an ISO 8601 date-time')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a real date-time');

/** The fields a verifier reads; other fields (hash, Description, …) are kept but not interpreted. */
export const businessRuleSchema = z.looseObject({
  Identifier: z.string().regex(/^(GR|VR|TR|RR|IR)-[A-Z]{2}-\d{4}$/, 'must look like RR-DE-0002'),
  Type: z.enum(['Acceptance', 'Invalidation']),
  Country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter code (EU for the EU templates)'),
  Version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version such as 1.0.3'),
  SchemaVersion: z.string().min(1),
  Engine: z.literal('CERTLOGIC'),
  EngineVersion: z.string().min(1),
  CertificateType: z.enum(['General', 'Test', 'Vaccination', 'Recovery']),
  ValidFrom: instant,
  ValidTo: instant,
  AffectedFields: z.array(z.string()),
  Logic: z.unknown(),
});

export type BusinessRule = z.output<typeof businessRuleSchema> & {
  readonly validFromMs: number;
  readonly validToMs: number;
};

/** `RR-DE-0002 1.0.3`: how a rule is named in messages and the audit log. */
export const ruleName = (r: { Identifier: string; Version: string }): string => `${r.Identifier} ${r.Version}`;

/** Compares dotted versions numerically (1.0.10 > 1.0.9). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Problems by location (`rule 3 (RR-DE-0002 1.0.3).Logic` → message); empty when the file is good. */
export type RuleFileProblems = Record<string, string>;

export function parseRuleFileText(text: string): Result<BusinessRule[], RuleFileProblems> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail({ file: 'is not valid JSON' });
  }
  return parseRuleList(raw);
}

export function parseRuleList(raw: unknown): Result<BusinessRule[], RuleFileProblems> {
  const problems: RuleFileProblems = {};
  if (!Array.isArray(raw)) return fail({ file: 'must be a JSON list of rule objects' });
  if (raw.length === 0) return fail({ file: 'contains no rules' });
  const rules: BusinessRule[] = [];
  const seen = new Set<string>();
  raw.forEach((item, i) => {
    const parsed = businessRuleSchema.safeParse(item);
    const id = (item as { Identifier?: unknown })?.Identifier;
    const where = `rule ${i}${typeof id === 'string' ? ` (${id})` : ''}`;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems[`${where}.${issue.path.join('.') || '(root)'}`] = issue.message;
      return;
    }
    const rule = parsed.data;
    const name = ruleName(rule);
    if (rule.Logic === undefined) problems[`${where}.Logic`] = 'is missing';
    else {
      const logicProblems = certlogicValidation.validateFormat(rule.Logic);
      if (logicProblems.length > 0)
        problems[`${where}.Logic`] = `is not valid CertLogic: ${logicProblems.map((p) => p.message).join('; ')}`;
    }
    const validFromMs = Date.parse(rule.ValidFrom);
    const validToMs = Date.parse(rule.ValidTo);
    if (validFromMs >= validToMs) problems[`${where}.ValidTo`] = 'must be after ValidFrom';
    if (seen.has(name)) problems[where] = `${name} appears twice`;
    seen.add(name);
    rules.push({ ...rule, validFromMs, validToMs });
  });
  return Object.keys(problems).length > 0 ? fail(problems) : ok(rules);
}
