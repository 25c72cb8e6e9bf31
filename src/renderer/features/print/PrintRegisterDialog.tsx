/**
 * "In sổ": the register book of one register and year as a PDF (Appendix IV layout, made by
 * the server), saved through the desktop app's dialog or downloaded in the browser.
 */
import { call } from '../../api/client';
import { RegisterBookDialog } from '../../components/RegisterBookDialog';
import { savePdf } from '../../lib/download';
import { incomingRegisters, useApp } from '../../stores/appStore';

export function PrintRegisterDialog({ onClose }: { onClose(): void }) {
  const info = useApp((s) => s.info);
  return (
    <RegisterBookDialog
      title="In sổ đăng ký văn bản đến"
      idPrefix="print"
      registers={incomingRegisters(info)}
      defaultRegister="DEN"
      formClassName="print-form"
      autoFocus
      request={(register, year) => call('register.print', { register, year })}
      save={savePdf}
      onClose={onClose}
    />
  );
}
