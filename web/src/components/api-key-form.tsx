/** The API key field of the header: typed once per tab, kept in sessionStorage. */
import { useState } from 'preact/hooks';
import { useSession } from '../session';

/** Says what the tab's key may do, and lets the user type or change it. */
export function ApiKeyForm() {
  const session = useSession();
  const [value, setValue] = useState('');
  const [open, setOpen] = useState(false);
  const showForm = open || session.state === 'needs_key';
  const status =
    session.state === 'loading'
      ? 'Checking access…'
      : session.state === 'ok'
        ? session.authRequired
          ? `Key "${session.keyName ?? 'unnamed'}": ${session.canEdit ? 'can edit' : session.canSend ? 'can send, read-only here' : 'read-only'}`
          : 'No key needed (local platform)'
        : session.state === 'needs_key'
          ? 'An API key is needed'
          : 'API unreachable';
  return (
    <div class="api-key">
      <span class="api-key-status" role="status" data-testid="access">
        {status}
      </span>
      {showForm ? (
        <form
          class="api-key-form"
          onSubmit={(event) => {
            event.preventDefault();
            session.setKey(value);
            setValue('');
            setOpen(false);
          }}
        >
          <label for="api-key-input">API key</label>
          <input id="api-key-input" type="password" autocomplete="off" spellcheck={false} value={value} onInput={(event) => setValue(event.currentTarget.value)} />
          <button type="submit">Use key</button>
        </form>
      ) : (
        <button type="button" class="link-button" onClick={() => setOpen(true)}>
          {session.hasKey ? 'Change key' : 'Use a key'}
        </button>
      )}
    </div>
  );
}
