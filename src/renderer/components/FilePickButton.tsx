/**
 * "Chọn tệp…": one file chosen by the clerk, read in the page. In the desktop app the
 * native open dialog (`window.vanthu.pickFiles`); in the browser a hidden
 * <input type=file> (named by `inputLabel`, so it can also be reached by assistive tools).
 */
import { useRef, type Ref } from 'react';
import { getBridge } from '../api/bridge';
import { readFile, type ChosenFile } from '../lib/files';
import { toastError } from '../stores/toastStore';
import type { MethodName } from '../../shared/contract';
import { useRights } from '../features/accounts/rights';

interface Props {
  /** Text of the button. */
  label: string;
  /** Accessible name of the file input (and the native dialog's title). */
  inputLabel: string;
  /** Extensions without the dot, e.g. ['p12', 'pfx']. */
  extensions: string[];
  filterName: string;
  onPick(file: ChosenFile): void;
  className?: string;
  disabled?: boolean;
  id?: string;
  buttonRef?: Ref<HTMLButtonElement>;
  describedBy?: string;
  /** The contract method the picked file goes to: disabled, with the role it needs as tooltip, for who may not call it. */
  method?: MethodName;
}

export function FilePickButton({
  label,
  inputLabel,
  extensions,
  filterName,
  onPick,
  className,
  disabled,
  id,
  buttonRef,
  describedBy,
  method,
}: Props) {
  const inputRef = useRef<HTMLInputElement>(null);
  const rights = useRights();
  const why = method ? rights.why(method) : '';
  const choose = async () => {
    const bridge = getBridge();
    if (bridge) {
      const r = await bridge.pickFiles({ title: inputLabel, filters: [{ name: filterName, extensions }] });
      if (!r.ok) {
        toastError(r.error);
        return;
      }
      const first = r.value[0];
      if (first) onPick(first);
      return;
    }
    inputRef.current?.click();
  };
  return (
    <>
      <button
        type="button"
        id={id}
        ref={buttonRef}
        className={className ?? 'btn btn-small'}
        disabled={disabled || !!why}
        title={why || undefined}
        aria-describedby={describedBy}
        onClick={() => void choose()}
      >
        {label}
      </button>
      <input
        ref={inputRef}
        type="file"
        accept={extensions.map((e) => `.${e}`).join(',')}
        className="visually-hidden"
        tabIndex={-1}
        aria-label={inputLabel}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          void readFile(file).then(onPick, () => toastError(`Không đọc được tệp «${file.name}».`));
        }}
      />
    </>
  );
}
