import { normaliseCtixBase, normaliseRespondBase } from '../../utils/cyware/base-url';
import type { SettingsView } from '../../utils/model/views';
import { normalisedBase, withRespondBase, type OptionsForm } from '../../utils/options/form';
import type { PermissionsLike } from '../../utils/options/host-access';
import { isLocked } from '../../utils/options/locked';
import { PRODUCT_NAMES } from '../../utils/options/status-text';
import type { FieldErrors } from '../../utils/options/validate';
import type { Product } from '../../utils/settings/schema';
import { ConnectionTest } from './ConnectionTest';
import { Field } from './Field';
import { SecretField } from './SecretField';

const URL_LABEL: Record<Product, string> = { ctix: 'Endpoint URL', cftr: 'API URL' };
const URL_HINT: Record<Product, string> = {
  ctix: 'Paste the endpoint URL shown with the API key (https://<tenant>/ctixapi/). A page URL of Intel Exchange works too.',
  cftr: 'Paste the API URL from the downloaded credentials (https://<tenant>/cftrapi/openapi/). A page URL of Respond works too.',
};
const URL_PLACEHOLDER: Record<Product, string> = {
  ctix: 'https://tenant.cyware.com/ctixapi/',
  cftr: 'https://tenant.cyware.com/cftrapi/openapi/',
};

function NormalisedBase(props: { id: string; product: Product; text: string }) {
  const text = props.text.trim();
  if (text === '') return null;
  const result = props.product === 'ctix' ? normaliseCtixBase(text) : normaliseRespondBase(text);
  if (!result.ok) return null;
  return (
    <p className="normalised" id={props.id}>
      API base used: <code>{result.base}</code>
    </p>
  );
}

export interface ConnectionCardProps {
  product: Product;
  form: OptionsForm;
  view: SettingsView;
  errors: FieldErrors;
  /** Bumped when the form is reset from saved settings; remounts the write-only input. */
  generation: number;
  dirty: boolean;
  permissions: PermissionsLike;
  update: (fn: (f: OptionsForm) => OptionsForm) => void;
  save: () => Promise<boolean>;
  onTested?: (ok: boolean) => void;
}

export function ConnectionCard(props: ConnectionCardProps) {
  const { product, form, view, errors } = props;
  const conn = form[product];
  const name = PRODUCT_NAMES[product];
  const locked = (field: string) => isLocked(view.locked, `${product}.${field}`);
  const id = (field: string) => `${product}-${field}`;
  const setField = (field: 'baseUrl' | 'accessId' | 'expiresOn', value: string) =>
    props.update((f) =>
      product === 'cftr' && field === 'baseUrl'
        ? { ...f, cftr: withRespondBase(f.cftr, value) }
        : { ...f, [product]: { ...f[product], [field]: value } },
    );
  const showNormalised = errors[`${product}.baseUrl`] === undefined && conn.baseUrl.trim() !== '';
  const testBase = props.dirty
    ? errors[`${product}.baseUrl`] === undefined
      ? normalisedBase(product, conn.baseUrl)
      : ''
    : view.settings[product].baseUrl;

  return (
    <section className="card connection-card" aria-labelledby={`${product}-title`}>
      <h3 id={`${product}-title`}>{name}</h3>
      <Field
        id={id('baseUrl')}
        label={URL_LABEL[product]}
        hint={URL_HINT[product]}
        error={errors[`${product}.baseUrl`]}
        locked={locked('baseUrl')}
        describedBy={showNormalised ? [id('baseUrl-normalised')] : []}
      >
        {(control) => (
          <input
            {...control}
            type="url"
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            placeholder={URL_PLACEHOLDER[product]}
            value={conn.baseUrl}
            onChange={(e) => setField('baseUrl', e.currentTarget.value)}
          />
        )}
      </Field>
      {showNormalised ? (
        <NormalisedBase id={id('baseUrl-normalised')} product={product} text={conn.baseUrl} />
      ) : null}
      <Field
        id={id('accessId')}
        label="Access ID"
        error={errors[`${product}.accessId`]}
        locked={locked('accessId')}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={conn.accessId}
            onChange={(e) => setField('accessId', e.currentTarget.value)}
          />
        )}
      </Field>
      <SecretField
        key={`${product}-${props.generation}`}
        id={id('secret')}
        productName={name}
        draft={form.secrets[product]}
        stored={view.secrets[product]}
        onChange={(draft) =>
          props.update((f) => ({ ...f, secrets: { ...f.secrets, [product]: draft } }))
        }
      />
      <Field
        id={id('expiresOn')}
        label="Key expiry date"
        hint="Shown with the key. You are warned 7 days ahead."
        error={errors[`${product}.expiresOn`]}
        locked={locked('expiresOn')}
      >
        {(control) => (
          <input
            {...control}
            type="date"
            value={conn.expiresOn}
            onChange={(e) => setField('expiresOn', e.currentTarget.value)}
          />
        )}
      </Field>
      {product === 'cftr' ? (
        <Field
          id="cftr-uiUrl"
          label="Web UI URL"
          hint="Used for incident links. Derived from the API URL; change it if your Respond UI lives elsewhere."
          error={errors['cftr.uiUrl']}
          locked={isLocked(view.locked, 'cftr.uiUrl')}
        >
          {(control) => (
            <input
              {...control}
              type="url"
              inputMode="url"
              spellCheck={false}
              autoComplete="off"
              placeholder="https://tenant.cyware.com/cftr/"
              value={form.cftr.uiUrl}
              onChange={(e) => {
                const value = e.currentTarget.value;
                props.update((f) => ({ ...f, cftr: { ...f.cftr, uiUrl: value } }));
              }}
            />
          )}
        </Field>
      ) : null}
      <p className="note tls-note">
        <strong>SSL Verify: always on.</strong> A browser always verifies the tenant's TLS
        certificate and the extension cannot turn that off. A tenant with a private certificate
        authority must be trusted by this computer.
      </p>
      <ConnectionTest
        product={product}
        base={testBase}
        dirty={props.dirty}
        permissions={props.permissions}
        save={props.save}
        {...(props.onTested ? { onTested: props.onTested } : {})}
      />
    </section>
  );
}
