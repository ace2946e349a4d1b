// Turns zod issues into "path: rule (got value)" problems that name the exact key, rule and source.
import * as z from 'zod';
import { closestName } from './closest-name.js';

/** One configuration problem, ready to print. */
export interface ConfigProblem {
  /** Dotted path of the offending key, e.g. `runtime.mailbox.capacityBytes` or `runtime.placement["venue:okx"]`. */
  readonly path: string;
  /** The rule broken, e.g. `must be one of auto, native, ts` or `unknown key`. */
  readonly rule: string;
  /** `path: rule (got value)`: the line an operator reads. */
  readonly message: string;
  /** Which layer set the value (`config file /etc/zvt.json`, `environment variable ZVT_HOTPATH`, ...). */
  readonly source?: string;
}

export interface FormatContext {
  /** The schema that was applied, to list the keys an unknown key may have been meant as. */
  readonly schema: z.ZodType;
  /** The layer that set `path` (or its nearest ancestor), if known. */
  readonly sourceOf: (path: readonly PropertyKey[]) => string | undefined;
}

/** One problem per broken rule, in schema order; unknown keys give one problem each. */
export function formatConfigIssues(issues: readonly z.core.$ZodIssue[], context: FormatContext): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = issue.path;
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeysAt(context.schema, path);
        for (const key of issue.keys) {
          const suggestion = closestName(key, known);
          const rule = suggestion === undefined ? 'unknown key' : `unknown key (did you mean "${suggestion}"?)`;
          problems.push(problem([...path, key], rule, undefined, context));
        }
        break;
      }
      case 'invalid_key': {
        // A record key broke its rule: report the key itself, with the key rule's message.
        const rule = issue.issues[0]?.message ?? 'invalid key';
        problems.push(problem(path, rule, { value: path[path.length - 1] }, context));
        break;
      }
      case 'invalid_type':
        // Objects carry no rule text of their own; every other leaf has a custom "must be ..." message.
        if (issue.expected === 'object' || issue.expected === 'record') {
          problems.push(problem(path, 'must be an object', { value: issue.input }, context));
        } else {
          problems.push(problem(path, issue.message, { value: issue.input }, context));
        }
        break;
      default:
        problems.push(problem(path, issue.message, { value: issue.input }, context));
    }
  }
  return problems;
}

/** `runtime.placement["venue:okx"]` style: dots for identifier keys, brackets for the rest. */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text === '' ? '(root)' : text;
}

function problem(
  path: readonly PropertyKey[],
  rule: string,
  got: { readonly value: unknown } | undefined,
  context: FormatContext,
): ConfigProblem {
  const pathText = formatConfigPath(path);
  const message = got === undefined ? `${pathText}: ${rule}` : `${pathText}: ${rule} (${describeValue(got.value)})`;
  const source = context.sourceOf(path);
  return source === undefined ? { path: pathText, rule, message } : { path: pathText, rule, message, source };
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value) ?? typeof value;
  // An operator needs to recognise the value, not read a whole pasted object back.
  return `got ${text.length > 80 ? `${text.slice(0, 77)}...` : text}`;
}

/** The keys the schema accepts at `path` (object keys, or the enum of a record's keys). */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (current instanceof z.ZodObject) current = unwrap(current.shape[String(segment)] as z.ZodType | undefined);
    else if (current instanceof z.ZodRecord) current = unwrap(current.valueType as z.ZodType);
    else return [];
  }
  if (current instanceof z.ZodObject) return Object.keys(current.shape);
  if (current instanceof z.ZodRecord && current.keyType instanceof z.ZodEnum) {
    return current.keyType.options.map(String);
  }
  return [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodExactOptional) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}
