// docs/dikoma-openapi.yaml is the contract a DiKoMa deployment implements; this keeps it and the
// kiosk's client/simulator in step: same paths, the documented examples pass the client's
// schemas, and what the simulator answers passes the documented JSON schemas.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  DIKOMA_HEALTH_PATH,
  DIKOMA_LOOKUP_PATH,
  dikomaLookupRequestSchema,
  dikomaLookupResponseSchema,
} from '../../core/records/dikoma-contract';
import { demoFixture } from '../../core/records/demo-records';
import { startSimulator } from '../../core/records/simulator';

const doc = parse(readFileSync(resolve(__dirname, '../../docs/dikoma-openapi.yaml'), 'utf8'));
const ajv = new Ajv2020({ strict: false });
ajv.addSchema({ $id: 'dikoma', components: doc.components }, 'dikoma');
const validate = (name: string, value: unknown) => ajv.validate({ $ref: `dikoma#/components/schemas/${name}` }, value);

describe('DiKoMa OpenAPI contract', () => {
  it('is OpenAPI 3.1 with the paths the client calls', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual([DIKOMA_LOOKUP_PATH, DIKOMA_HEALTH_PATH]);
  });

  it('its examples pass the client schemas and its own JSON schemas', () => {
    const post = doc.paths[DIKOMA_LOOKUP_PATH].post;
    const request = post.requestBody.content['application/json'].example;
    expect(dikomaLookupRequestSchema.safeParse(request).success).toBe(true);
    expect(validate('LookupRequest', request)).toBe(true);
    for (const { value } of Object.values(post.responses['200'].content['application/json'].examples) as {
      value: unknown;
    }[]) {
      expect(dikomaLookupResponseSchema.safeParse(value).success).toBe(true);
      expect(validate('LookupResponse', value)).toBe(true);
    }
  });

  it('the JSON schemas reject what the client rejects', () => {
    for (const bad of [{ result: 'maybe' }, { result: 'match', person: { familyName: 'X' } }]) {
      expect(dikomaLookupResponseSchema.safeParse(bad).success).toBe(false);
      expect(validate('LookupResponse', bad)).toBe(false);
    }
    expect(validate('DateOfBirth', '1964-08-12')).toBe(true);
    expect(validate('DateOfBirth', '1964-08')).toBe(true);
    expect(validate('DateOfBirth', '1964')).toBe(true);
    expect(validate('DateOfBirth', '12.08.1964')).toBe(false);
  });

  it('the simulator answers conform to the documented schemas', async () => {
    const sim = await startSimulator({ fixture: demoFixture(new Date('2021-06-15T10:00:00Z')) });
    try {
      const ask = async (body: object) =>
        (
          await fetch(`${sim.url}${DIKOMA_LOOKUP_PATH}`, { method: 'POST', body: JSON.stringify(body) })
        ).json() as Promise<{ result?: string }>;
      const match = await ask({ genesenenId: 'KZQS8EVYEWVG', familyName: 'Einnamig', dateOfBirth: '1966-01-01' });
      expect(match.result).toBe('match');
      expect(validate('LookupResponse', match)).toBe(true);
      expect(
        validate('LookupResponse', await ask({ genesenenId: 'KZQS8EVYEWVG', familyName: 'X', dateOfBirth: '1966' })),
      ).toBe(true);
      const health = await (await fetch(`${sim.url}${DIKOMA_HEALTH_PATH}`)).json();
      expect(health).toEqual({ status: 'ok' });
    } finally {
      await sim.close();
    }
  });
});
