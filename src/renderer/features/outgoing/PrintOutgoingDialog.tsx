/** "In sổ văn bản đi": the outgoing register of one register and year as a PDF (Appendix IV), saved or downloaded. */
import { call } from '../../api/client';
import { RegisterBookDialog } from '../../components/RegisterBookDialog';
import { saveFile } from '../../lib/files';
import { useApp } from '../../stores/appStore';

export function PrintOutgoingDialog({ onClose }: { onClose(): void }) {
  const info = useApp((s) => s.info);
  return (
    <RegisterBookDialog
      title="In sổ đăng ký văn bản đi"
      idPrefix="oprint"
      registers={(info?.registers ?? []).filter((r) => r.direction === 'outgoing')}
      defaultRegister="DI"
      request={(register, year) => call('outgoing.registerPrint', { register, year })}
      save={(bytes, fileName) => saveFile(bytes, fileName, { title: 'Lưu sổ đăng ký văn bản đi' })}
      onClose={onClose}
    />
  );
}
