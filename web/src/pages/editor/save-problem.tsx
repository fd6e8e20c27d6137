/**
 * Why a save was refused, at the top of an editor: with the API's errors placed on fields, a
 * summary whose heading takes focus and whose links move to each field (and focus its input);
 * without, the message alone.
 */
import { useEffect, useRef } from 'preact/hooks';
import { type FieldErrors, fieldId } from './field-errors';

/** Properties of {@link SaveProblem}. */
export interface SaveProblemProps {
  /** The API's errors, placed on the form's fields. */
  readonly errors: FieldErrors;
  /** The refusal's message. */
  readonly problem: string;
  /** What an error without a path is about (`definition`, `journey`). */
  readonly whole: string;
}

function ErrorSummary({ errors, message, whole }: { readonly errors: FieldErrors; readonly message: string; readonly whole: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [errors]);
  return (
    <div class="error-summary" role="alert" data-testid="error-summary">
      <h2 tabIndex={-1} ref={heading}>
        Not saved: {errors.placed.length === 1 ? 'one problem' : `${errors.placed.length} problems`}
      </h2>
      <p>{message}</p>
      <ul>
        {errors.placed.map((error, index) => (
          <li key={index}>
            {error.field ? (
              <a
                href={`#${fieldId(error.field)}`}
                onClick={(event) => {
                  event.preventDefault();
                  const target = document.getElementById(fieldId(error.field));
                  target?.scrollIntoView({ block: 'center' });
                  (target?.matches('input, select, textarea') ? target : target?.querySelector<HTMLElement>('input, select, textarea') ?? target)?.focus();
                }}
              >
                {error.path || whole}
              </a>
            ) : (
              <strong>{error.path || whole}</strong>
            )}
            : {error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The refusal of a save: a summary of the placed errors, or the message alone. */
export function SaveProblem({ errors, problem, whole }: SaveProblemProps) {
  if (errors.any) return <ErrorSummary errors={errors} message={problem} whole={whole} />;
  return (
    <p class="error-text" role="alert">
      <strong>Not saved:</strong> {problem}
    </p>
  );
}
