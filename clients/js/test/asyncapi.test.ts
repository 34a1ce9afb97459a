import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser } from '@asyncapi/parser';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const DOCUMENT = resolve(HERE, '../../../docs/asyncapi.yaml');
const TYPES = resolve(HERE, '../src/types.ts');

interface JsonSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

let schemas: Record<string, JsonSchema>;

beforeAll(async () => {
  const { document, diagnostics } = await new Parser().parse(readFileSync(DOCUMENT, 'utf8'));
  const errors = diagnostics.filter((d) => d.severity === 0);
  expect(errors.map((d) => `${d.message} at ${d.path.join('.')}`)).toEqual([]);
  schemas = (document!.json() as { components: { schemas: Record<string, JsonSchema> } }).components.schemas;
});

/** The properties the SDK's types.ts declares for a type (an interface, or a member of ClientEvents). */
function declared(name: string): { name: string; optional: boolean }[] {
  const source = ts.createSourceFile(TYPES, readFileSync(TYPES, 'utf8'), ts.ScriptTarget.ES2022, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });
  const [outer, inner] = name.split('.');
  let members: ts.NodeArray<ts.TypeElement> = interfaces.get(outer)!.members;
  if (inner) {
    const member = members.find((m) => ts.isPropertySignature(m) && m.name.getText(source) === inner) as ts.PropertySignature;
    const type = member.type!;
    members = ts.isTypeLiteralNode(type) ? type.members : interfaces.get(type.getText(source))!.members;
  }
  return members
    .filter(ts.isPropertySignature)
    .map((m) => ({ name: m.name.getText(source), optional: m.questionToken !== undefined }));
}

/** The SDK's types against the schemas of docs/asyncapi.yaml: the same fields, and what is required not optional. */
const PAIRS: [sdkType: string, schema: string, optionalInSdk: string[]][] = [
  ['Message', 'Message', []],
  ['MessagePreview', 'MessagePreview', []],
  ['Chat', 'Chat', ['memberIds']], // optional in the SDK: ChatSummary (the chat list's line) extends Chat without it
  ['PresenceState', 'PresenceChanged', []],
  ['ClientEvents.presence', 'PresenceChanged', []],
  ['ClientEvents.read', 'MessageReadUpdated', []],
  ['ClientEvents.delivered', 'MessageDeliveredUpdated', []],
  ['ClientEvents.typing', 'Typing', []],
  ['ClientEvents.unread', 'UnreadCount', []],
];

describe('docs/asyncapi.yaml and the SDK', () => {
  it('is a valid AsyncAPI document', () => {
    expect(Object.keys(schemas)).toContain('EventFrame');
  });

  it.each(PAIRS)('the SDK type %s has the fields of the schema %s', (sdkType, schemaName, optionalInSdk) => {
    const schema = schemas[schemaName];
    const fields = declared(sdkType);
    expect(fields.map((f) => f.name).sort()).toEqual(Object.keys(schema.properties ?? {}).sort());
    const optional = fields.filter((f) => f.optional).map((f) => f.name);
    const requiredButOptional = optional.filter((name) => (schema.required ?? []).includes(name));
    expect(requiredButOptional).toEqual(optionalInSdk);
  });
});
