/**
 * IPC channel names shared by the preload and the main process. Plain constants with no
 * imports, so both bundles can include them. The contract travels over ONE channel
 * (method name + input); the two native-dialog methods and the menu have their own.
 */
export const CALL_CHANNEL = 'vanthu:call';
export const PICK_FILES_CHANNEL = 'vanthu:pick-files';
export const SAVE_PDF_CHANNEL = 'vanthu:save-pdf';
/** main → renderer: a MenuEvent string. */
export const MENU_CHANNEL = 'vanthu:menu';
