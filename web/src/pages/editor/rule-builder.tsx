/**
 * The segment rule builder: a group says whether all, any or none of its rules must hold; each
 * rule is a condition over a customer attribute (with the API's operators) or a nested group.
 */
import { GroupErrors, SelectField, TextField } from '../../components/fields';
import { fieldId, type FieldErrors } from './field-errors';
import { childPath, COMBINATOR_WORDS, type ConditionDraft, type GroupDraft, newCondition, newGroup, OPERATOR_WORDS, OPERATORS, type RuleDraft, type ValueType } from './rule-draft';

/** Deepest nesting the builder offers (the API accepts 8 levels). */
const MAX_BUILDER_DEPTH = 3;

const VALUE_TYPES: readonly { readonly value: ValueType; readonly label: string }[] = [
  { value: 'text', label: 'text' },
  { value: 'number', label: 'number' },
  { value: 'boolean', label: 'true / false' },
];

/** What a condition tests, in the builder's labels: a customer attribute (segments) or an event property (trigger filters). */
export interface Subject {
  /** Label of the tested field. */
  readonly label: string;
  /** Placeholder examples. */
  readonly placeholder: string;
  /** Who matches, in the group's combinator label. */
  readonly who: string;
}

/** A customer's attributes (segments, customer filters). */
export const CUSTOMER_ATTRIBUTE: Subject = { label: 'Attribute', placeholder: 'age, country, app.platform', who: 'Customers match when' };

function ConditionRow({ path, condition, errors, onChange, onRemove, removable, subject }: { readonly path: string; readonly condition: ConditionDraft; readonly errors: FieldErrors; readonly onChange: (next: ConditionDraft) => void; readonly onRemove: () => void; readonly removable: boolean; readonly subject: Subject }) {
  const set = (patch: Partial<ConditionDraft>) => onChange({ ...condition, ...patch });
  const list = condition.op === 'in' || condition.op === 'nin';
  return (
    <li class="condition" id={fieldId(path)}>
      <GroupErrors path={path} errors={errors} />
      <div class="row">
        <TextField path={`${path}.attribute`} label={subject.label} value={condition.attribute} placeholder={subject.placeholder} errors={errors} onInput={(attribute) => set({ attribute })} />
        <SelectField
          path={`${path}.op`}
          label="Operator"
          value={condition.op}
          errors={errors}
          options={OPERATORS.map((op) => ({ value: op, label: OPERATOR_WORDS[op] }))}
          onChange={(op) => set({ op, ...(op === 'exists' ? { value: 'true', valueType: 'boolean' as const } : {}), ...(['gt', 'gte', 'lt', 'lte'].includes(op) && condition.valueType === 'text' ? { valueType: 'number' as const } : {}) })}
        />
        {condition.op === 'exists' ? (
          <SelectField
            path={`${path}.value`}
            label="Known?"
            value={condition.value.trim() === 'false' ? 'false' : 'true'}
            errors={errors}
            options={[
              { value: 'true', label: 'yes, known' },
              { value: 'false', label: 'no, unknown' },
            ]}
            onChange={(value) => set({ value })}
          />
        ) : (
          <>
            <TextField path={`${path}.value`} label={list ? 'Values (comma-separated)' : 'Value'} value={condition.value} errors={errors} onInput={(value) => set({ value })} />
            <SelectField path={`${path}.valueType`} label="Compared as" value={condition.valueType} errors={errors} options={VALUE_TYPES} onChange={(valueType) => set({ valueType })} />
          </>
        )}
        {removable ? (
          <button type="button" class="secondary" onClick={onRemove}>
            Remove rule
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** Properties of {@link RuleGroup}. */
export interface RuleGroupProps {
  readonly path: string;
  readonly group: GroupDraft;
  readonly errors: FieldErrors;
  readonly onChange: (group: GroupDraft) => void;
  readonly depth?: number;
  readonly onRemove?: () => void;
  /** Accessible name of the group. */
  readonly label: string;
  /** What the conditions test (default: the customer's attributes). */
  readonly subject?: Subject;
}

/** A group of rules and its controls. */
export function RuleGroup({ path, group, errors, onChange, depth = 1, onRemove, label, subject = CUSTOMER_ATTRIBUTE }: RuleGroupProps) {
  const setChild = (index: number, child: RuleDraft) => onChange({ ...group, children: group.children.map((existing, at) => (at === index ? child : existing)) });
  const removeChild = (index: number) => onChange({ ...group, children: group.children.filter((_, at) => at !== index) });
  return (
    <div class={`rule-group depth-${depth}`} role="group" aria-label={label} id={fieldId(path)}>
      <GroupErrors path={path} errors={errors} />
      <SelectField
        path={`${path}.$combinator`}
        label={subject.who}
        value={group.combinator}
        errors={errors}
        options={(['all', 'any', 'none'] as const).map((value) => ({ value, label: COMBINATOR_WORDS[value] }))}
        onChange={(combinator) => onChange({ ...group, combinator })}
      />
      <ul class="rules">
        {group.children.map((child, index) => {
          const at = childPath(path, group, index);
          return child.kind === 'condition' ? (
            <ConditionRow key={index} path={at} condition={child} errors={errors} onChange={(next) => setChild(index, next)} onRemove={() => removeChild(index)} removable={group.children.length > 1} subject={subject} />
          ) : (
            <li key={index}>
              <RuleGroup path={at} group={child} errors={errors} depth={depth + 1} label={`${label}, group ${index + 1}`} onChange={(next) => setChild(index, next)} onRemove={() => removeChild(index)} subject={subject} />
            </li>
          );
        })}
      </ul>
      <div class="row-actions">
        <button type="button" class="secondary" onClick={() => onChange({ ...group, children: [...group.children, newCondition()] })}>
          Add rule
        </button>
        {depth < MAX_BUILDER_DEPTH ? (
          <button type="button" class="secondary" onClick={() => onChange({ ...group, children: [...group.children, newGroup(group.combinator === 'all' ? 'any' : 'all')] })}>
            Add group
          </button>
        ) : null}
        {onRemove ? (
          <button type="button" class="secondary" onClick={onRemove}>
            Remove group
          </button>
        ) : null}
      </div>
    </div>
  );
}
