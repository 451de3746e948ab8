import { useState } from 'preact/hooks';

import { toIpcError, type IpcError } from '../../../api/errors';
import { addCoOwner, removeCoOwner, type PropertyKind, type TaxpayerHit } from '../../../api/taxRegister';
import type { CoOwnerView } from '../../../generated/CoOwnerView';
import { t } from '../../../i18n';
import { ConfirmButton } from './Confirm';
import { TaxpayerSearch } from './TaxpayerSearch';

type Props = {
  kind: PropertyKind;
  propertyId: string;
  /** What the property is (โฉนดที่ดิน 12345), for the confirm and screen readers. */
  label: string;
  coOwners: readonly CoOwnerView[];
  /** After a co-owner was added or removed: reload the record. */
  onChanged: () => void;
};

/** The co-owners (ผู้ถือกรรมสิทธิ์ร่วม) of one property: the list, add by searching the register, remove. */
export function CoOwners({ kind, propertyId, label, coOwners, onChanged }: Props) {
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = async (hit: TaxpayerHit) => {
    setError(null);
    try {
      await addCoOwner(kind, propertyId, hit.id);
      setAdding(false);
      onChanged();
    } catch (err) {
      setError(toIpcError(err).message);
    }
  };

  const searchError = (e: IpcError | null) => setError(e?.message ?? null);

  return (
    <div class="tax-co-owners-block" data-testid="tax-co-owners">
      <div class="tax-co-owners">
        <span class="field-label">{t('tax.register.co_owners_heading')}</span>
        {coOwners.length === 0 && <span>{t('tax.register.none')}</span>}
        <ul>
          {coOwners.map((c) => (
            <li key={c.id} data-testid="tax-co-owner">
              {c.fullName}{' '}
              <ConfirmButton
                testId="tax-co-owner-remove"
                label={t('tax.register.co_owner_remove')}
                ariaLabel={t('tax.register.co_owner_remove_of', { name: c.fullName, label })}
                title={t('tax.register.co_owner_remove_title', { name: c.fullName })}
                goes={t('tax.register.co_owner_remove_goes', { name: c.fullName, label })}
                stays={t('tax.register.co_owner_remove_stays', { name: c.fullName })}
                confirmLabel={t('tax.register.co_owner_remove')}
                action={() => removeCoOwner(c.id)}
                onDone={onChanged}
              />
            </li>
          ))}
        </ul>
        {!adding && (
          <button
            type="button"
            class="button button-secondary button-small"
            data-testid="tax-co-owner-add"
            aria-label={t('tax.register.co_owner_add_to', { label })}
            onClick={() => {
              setError(null);
              setAdding(true);
            }}
          >
            {t('tax.register.co_owner_add')}
          </button>
        )}
      </div>
      {adding && (
        <div class="tax-co-owner-picker">
          <TaxpayerSearch
            name="tax-co-owner"
            label={t('tax.register.co_owner_search', { label })}
            hint={t('tax.register.co_owner_search_hint')}
            autoFocus
            onPick={(hit) => void add(hit)}
            onError={searchError}
            onEscape={() => setAdding(false)}
          />
          <button
            type="button"
            class="button button-secondary button-small"
            data-testid="tax-co-owner-cancel"
            onClick={() => setAdding(false)}
          >
            {t('tax.register.cancel')}
          </button>
        </div>
      )}
      {error && (
        <p class="field-error" role="alert" data-testid="tax-co-owner-error">
          {error}
        </p>
      )}
    </div>
  );
}
