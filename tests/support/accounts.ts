/**
 * The test suite's accounts, one per role plus the office's all-rounder, the same for unit
 * tests in-process, CLI tests and the browser tests. Passwords are hashed at the test cost
 * (tests/support/test-kdf.mjs), in every test process.
 */
import type { Role } from '../../src/shared/domain/accounts.js';

/** Every fixture account's password (non-ASCII on purpose: passwords are compared in NFC). */
export const FIXTURE_PASSWORD = 'Mật-khẩu-thử-2026';
/** The environment variable the CLI's --password-env names in tests. */
export const PASSWORD_ENV = 'VANTHU_TEST_PASSWORD';

/** The first administrator, who also holds every role but specialist and the confidential grant. */
export const OFFICE_USER = 'vanthu';
export const OFFICE_FULL_NAME = 'Nguyễn Thị Văn Thư';
export const OFFICE_ROLES: Role[] = ['admin', 'clerk', 'leader', 'archivist'];

/** The unit of the fixture specialist (created by addFixtureAccounts when missing). */
export const SPECIALIST_UNIT = { code: 'KHDT', name: 'Sở Kế hoạch và Đầu tư' };

/** One account per role, as an office has them (the leader may read confidential documents). */
export const ROLE_USERS: Record<Role, { username: string; fullName: string; roles: Role[]; confidential: boolean; unit?: string }> = {
  clerk: { username: 'vt.clerk', fullName: 'Trần Văn Thư', roles: ['clerk'], confidential: false },
  leader: { username: 'ld.leader', fullName: 'Lê Lãnh Đạo', roles: ['leader'], confidential: true },
  specialist: { username: 'cv.khdt', fullName: 'Phạm Chuyên Viên', roles: ['specialist'], confidential: false, unit: SPECIALIST_UNIT.code },
  archivist: { username: 'lt.archive', fullName: 'Đỗ Lưu Trữ', roles: ['archivist'], confidential: false },
  admin: { username: 'qt.admin', fullName: 'Vũ Quản Trị', roles: ['admin'], confidential: false },
};
