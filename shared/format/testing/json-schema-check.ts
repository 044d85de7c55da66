/**
 * A tiny JSON Schema (2020-12 subset) validator for tests: type (incl. arrays of
 * types), const, enum, pattern, minimum/maximum, properties, required,
 * additionalProperties false, items, anyOf/oneOf, $ref to #/$defs. Returns the errors
 * as "path: problem" lines; enough to check manifest.json against the schema file
 * without a new dependency.
 */
type Schema = Record<string, unknown>;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function validateJson(schema: Schema, value: unknown, root: Schema = schema, path = '$'): string[] {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace(/^#\/\$defs\//, '');
    const target = (root.$defs as Record<string, Schema> | undefined)?.[name];
    if (!target) return [`${path}: unresolved $ref ${schema.$ref}`];
    return validateJson(target, value, root, path);
  }
  const errors: string[] = [];
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const ok = types.some((x) => x === t || (x === 'number' && t === 'integer'));
    if (!ok) return [`${path}: expected ${types.join('|')}, got ${t}`];
  }
  if ('const' in schema && value !== schema.const)
    errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    errors.push(`${path}: not one of ${schema.enum.join(', ')}`);
  if (
    typeof schema.pattern === 'string' &&
    typeof value === 'string' &&
    !new RegExp(schema.pattern, 'u').test(value)
  ) {
    errors.push(`${path}: does not match ${schema.pattern}`);
  }
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum)
    errors.push(`${path}: below ${schema.minimum}`);
  if (typeof schema.maximum === 'number' && typeof value === 'number' && value > schema.maximum)
    errors.push(`${path}: above ${schema.maximum}`);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (!options) continue;
    const passing = options.filter((o) => validateJson(o, value, root, path).length === 0).length;
    if (key === 'anyOf' ? passing === 0 : passing !== 1) errors.push(`${path}: ${key} matched ${passing}`);
  }
  if (t === 'object' && value) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const req of (schema.required as string[] | undefined) ?? [])
      if (!(req in obj)) errors.push(`${path}: missing ${req}`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) errors.push(...validateJson(props[k], v, root, `${path}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property ${k}`);
    }
  }
  if (t === 'array' && schema.items) {
    (value as unknown[]).forEach((v, i) =>
      errors.push(...validateJson(schema.items as Schema, v, root, `${path}[${i}]`)),
    );
  }
  return errors;
}
